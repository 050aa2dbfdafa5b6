import { runLogStreamEvents } from '@dlthub/api-schema';

/**
 * The run page's script, served as a file of this origin (`uiPaths.runPageScript`) so the pages' CSP allows
 * no inline script. It follows the log stream the page names in `#run-log[data-stream]` from
 * `data-after`; lines go in as text (never HTML). At the end event it writes the run's status, reason,
 * duration (as `formatSeconds` does) and exit code, and closes the stream so EventSource does not reconnect.
 */
export const runPageScript = `'use strict';
(function () {
  var log = document.getElementById('run-log');
  var state = document.getElementById('log-state');
  if (!log || !log.dataset.stream) return;
  var source = new EventSource(log.dataset.stream + '?after=' + encodeURIComponent(log.dataset.after || '0'));
  function show(id, text) {
    var element = document.getElementById(id);
    if (element) element.textContent = text;
  }
  source.addEventListener(${JSON.stringify(runLogStreamEvents.log)}, function (event) {
    var line = JSON.parse(event.data);
    var item = document.createElement('li');
    item.value = line.line_num;
    item.className = line.stream;
    item.textContent = line.content;
    log.appendChild(item);
  });
  source.addEventListener(${JSON.stringify(runLogStreamEvents.end)}, function (event) {
    var run = JSON.parse(event.data);
    source.close();
    var status = document.getElementById('run-status');
    if (status) {
      status.textContent = run.status;
      status.className = 'status status-' + run.status;
    }
    show('run-reason', run.reason == null ? '\\u2014' : run.reason);
    show('run-duration', run.duration == null ? '\\u2014' : run.duration.toFixed(1) + ' s');
    show('run-exit-code', run.exit_code == null ? '\\u2014' : String(run.exit_code));
    show('log-state', log.children.length + ' line(s).');
  });
  source.addEventListener('error', function () {
    // EventSource retries by itself (resuming after the last line); a closed source means it gave up.
    if (source.readyState === EventSource.CLOSED) show('log-state', 'The log stream stopped; reload the page.');
  });
})();
`;
