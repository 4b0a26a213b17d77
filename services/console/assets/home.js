// The home page of users without a console: logging in, and logging out. The texts come from
// the page (`data-*` attributes, rendered in the user's language).

const logout = document.getElementById('logout');
if (logout) {
  logout.addEventListener('click', async () => {
    await fetch('/api/v1/session', { method: 'DELETE' });
    location.reload();
  });
}

const login = document.getElementById('login');
if (login) {
  login.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const answer = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    });
    if (answer.ok) {
      // Back to the page a logged-out link pointed at (this site's paths only), else home.
      const next = new URLSearchParams(location.search).get('next') || '';
      if (next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')) location.assign(next);
      else location.assign('/');
      return;
    }
    // The page's own words, in the visitor's language: a wrong password is not "log in first".
    const said = {
      401: login.dataset.failed,
      429: (login.dataset.locked || '').replace('{secs}', answer.headers.get('Retry-After') || '60'),
      503: login.dataset.unavailable,
    }[answer.status];
    const problem = said ? {} : await answer.json().catch(() => ({}));
    document.getElementById('error').textContent = said || problem.detail || login.dataset.failed;
  });
}
