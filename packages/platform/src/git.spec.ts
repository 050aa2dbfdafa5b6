import { normalizeRemoteUrl } from './git';

describe('normalizeRemoteUrl', () => {
  it.each([
    ['git@github.com:Acme/Repo.git', 'github.com/Acme/Repo'],
    ['ssh://git@GitHub.com:22/Acme/Repo.git/', 'github.com/Acme/Repo'],
    ['https://github.com/Acme/Repo', 'github.com/Acme/Repo'],
    ['https://x-access-token:ghp_secret@github.com/Acme/Repo.git', 'github.com/Acme/Repo'],
    ['https://gitlab.example.test/group/sub/repo.git', 'gitlab.example.test/group/sub/repo'],
    ['file:///srv/git/repo.git', '/srv/git/repo.git'],
  ])('%s -> %s (no scheme, user, password, port or .git)', (remote, identity) => {
    expect(normalizeRemoteUrl(remote)).toBe(identity);
  });
});
