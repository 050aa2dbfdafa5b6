import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('plugin discovery', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, { 'package.json': JSON.stringify({ name: 'shop', dlthub: { plugins: ['dlthub-plugin-missing'] } }) });
  });
  afterEach(() => box.cleanup());

  it('a plugin that fails to load is a warning naming it; built-in types still work and unrelated commands stay quiet', () => {
    const list = box.run(['destination', 'list']);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/^warning: Plugin "dlthub-plugin-missing" listed in .*package\.json could not be loaded/);
    expect(list.stdout).toMatch(/^duckdb - /m);
    expect(box.run(['config', 'get', 'runtime.log_level'])).toEqual({ code: 0, stdout: 'WARNING\n', stderr: '' });
  });
});
