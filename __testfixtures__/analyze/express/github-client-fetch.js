'use strict';

// Small GitHub REST client shared by the release script and the nightly sync job.

const util = require('util');

const API = 'https://api.github.com';

async function request(path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = new Error(data.message || `GitHub API error: ${res.status}`);
    error.status = res.status;
    error.response = data;
    throw error;
  }
  return data;
}

function isRetryable(res) {
  return res.status === 429 || res.status >= 500;
}

function parseRateLimit(res) {
  const remaining = Number(res.headers.get('x-ratelimit-remaining'));
  const reset = new Date(Number(res.headers.get('x-ratelimit-reset')) * 1000);
  return { remaining, reset, error: remaining === 0 ? 'rate limited' : null };
}

async function latestRelease(repo, token) {
  try {
    return await request(`/repos/${repo}/releases/latest`, { token });
  } catch (err) {
    if (err.status === 404) return null;
    throw new Error(`Could not read latest release of ${repo}: ${err.message}`);
  }
}

async function createIssue(repo, token, { title, body, labels = [] }) {
  const response = await fetch(`${API}/repos/${repo}/issues`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json' },
    body: JSON.stringify({ title, body, labels }),
  });
  const issue = await response.json();
  if (response.status !== 201) {
    throw new Error(issue.message || 'Failed to create issue');
  }
  return issue;
}

function reportFailure(err) {
  process.stderr.write(util.inspect(err, { depth: 4 }) + '\n');
  process.stdout.write(JSON.stringify({ success: false, error: err.message }) + '\n');
}

module.exports = { request, isRetryable, parseRateLimit, latestRelease, createIssue, reportFailure };

if (require.main === module) {
  latestRelease(process.argv[2], process.env.GITHUB_TOKEN)
    .then((release) => console.log(release ? release.tag_name : 'no release'))
    .catch((err) => {
      reportFailure(err);
      process.exitCode = 1;
    });
}
