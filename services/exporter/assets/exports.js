// The epidemiologists' exports page (templates/exports.html): runs an export, then reloads.
// The texts come from the form's `data-text-*` attributes, rendered in the user's language.

const form = document.getElementById('run');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const reply = await fetch('/api/v1/exports', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ dataset: data.get('dataset'), date: data.get('date'), deliver: data.get('deliver') === 'on', correct: data.get('correct') === 'on' }),
  });
  const body = await reply.json().catch(() => ({}));
  document.getElementById('run-result').textContent = reply.ok ? form.dataset.textDone : (body.detail || form.dataset.textFailed);
  if (reply.ok) location.reload();
});
