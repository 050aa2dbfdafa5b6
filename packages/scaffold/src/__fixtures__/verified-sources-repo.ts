/**
 * A local git repository laid out like dlt-hub/verified-sources (the public one is out of reach in tests):
 * `sources/pipedrive/` (a package with a helper module, a shared `_shared` import and a requirements.txt),
 * `sources/chess/`, their `<name>_pipeline.py` scripts, and folders dlt does not list (`.github`, `_shared`).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURE_FILES: Readonly<Record<string, string>> = {
  'README.md': '# verified sources (test fixture)\n',
  'sources/pipedrive/__init__.py': [
    '"""Highly customizable source for Pipedrive, supports endpoint addition, selection and column rename',
    '',
    'Pipedrive api docs: https://developers.pipedrive.com/docs/api/v1',
    '"""',
    '',
    'from typing import Iterator, Optional',
    '',
    'import dlt',
    'from _shared import paginate',
    '',
    'from .helpers import entity_url',
    '',
    '',
    '@dlt.source(name="pipedrive")',
    'def pipedrive_source(',
    '    pipedrive_api_key: str = dlt.secrets.value,',
    '    since_timestamp: Optional[str] = dlt.config.value,',
    '    max_pages: int = dlt.config.value,',
    '):',
    '    return deals(pipedrive_api_key, max_pages)',
    '',
    '',
    '@dlt.resource(write_disposition="merge", primary_key="id")',
    'def deals(api_key: str, max_pages: int) -> Iterator[dict]:',
    '    yield from paginate(entity_url("deals"), api_key, max_pages)',
    '',
  ].join('\n'),
  'sources/pipedrive/helpers.py':
    'def entity_url(entity: str) -> str:\n    return f"https://api.pipedrive.com/v1/{entity}"\n',
  'sources/pipedrive/requirements.txt': '# pipedrive needs\ndlt>=0.3.25\nrequests-oauthlib>=1.3.1\n',
  'sources/pipedrive/py.typed': '',
  'sources/pipedrive_pipeline.py': [
    'import dlt',
    'from pipedrive import pipedrive_source',
    '',
    '',
    'def load_pipedrive() -> None:',
    '    """Loads all pipedrive deals"""',
    '    pipeline = dlt.pipeline(',
    '        pipeline_name="pipedrive", destination="duckdb", dataset_name="pipedrive_data"',
    '    )',
    '    print(pipeline.run(pipedrive_source()))',
    '',
    '',
    'if __name__ == "__main__":',
    '    load_pipedrive()',
    '',
  ].join('\n'),
  'sources/_shared/__init__.py': [
    '"""Helpers shared by several sources."""',
    '',
    '',
    'def paginate(url, api_key, max_pages):',
    '    yield {"url": url, "pages": max_pages}',
    '',
  ].join('\n'),
  'sources/chess/__init__.py': [
    '"""A source loading player profiles and games from chess.com api"""',
    '',
    'import dlt',
    '',
    '',
    '@dlt.source',
    'def source(players, start_month: str = None, end_month: str = None):',
    '    return players_profiles(players)',
    '',
    '',
    '@dlt.resource',
    'def players_profiles(players):',
    '    yield from ({"player": player} for player in players)',
    '',
  ].join('\n'),
  'sources/chess_pipeline.py': [
    'import dlt',
    'from chess import source',
    '',
    'if __name__ == "__main__":',
    '    pipeline = dlt.pipeline(pipeline_name="chess_pipeline", destination=\'duckdb\', dataset_name="chess_players_games_data")',
    '    print(pipeline.run(source(["magnuscarlsen"])))',
    '',
  ].join('\n'),
  'sources/.github/README.md': 'not a source\n',
};

/** Creates the repository (committed on branch `master`, plus a `next` branch with one more source). */
export function createVerifiedSourcesRepo(parent: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, 'verified-sources-'));
  for (const [relative, content] of Object.entries(FIXTURE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'master');
  git('add', '-A');
  git('commit', '-q', '-m', 'verified sources');
  git('checkout', '-q', '-b', 'next');
  fs.mkdirSync(path.join(dir, 'sources/jira'));
  fs.writeFileSync(path.join(dir, 'sources/jira/__init__.py'), '"""Loads issues from Jira"""\n');
  fs.writeFileSync(
    path.join(dir, 'sources/jira_pipeline.py'),
    'import dlt\n\npipeline = dlt.pipeline(pipeline_name="jira", destination="duckdb")\n',
  );
  git('add', '-A');
  git('commit', '-q', '-m', 'jira');
  git('checkout', '-q', 'master');
  return dir;
}
