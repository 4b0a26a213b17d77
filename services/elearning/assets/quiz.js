// A course's quiz (templates/learn_quiz.html): posts the answers, then shows each question's
// feedback and the score in place. The texts come from the form's `data-text-*` attributes,
// rendered in the user's language.

const form = document.getElementById('quiz');
const T = {
  cooldown: form.dataset.textCooldown,
  failed: form.dataset.textFailed,
  right: form.dataset.textRight,
  wrong: form.dataset.textWrong,
  score: form.dataset.textScore,
  passed: form.dataset.textPassed,
  not_passed: form.dataset.textNotPassed,
};
// The end of a waiting time, in the reader's language; the quiz opens again then.
const cooldown = document.getElementById('cooldown');
const until = Number(cooldown?.dataset.until);
if (cooldown && Number.isFinite(until)) {
  const lang = document.documentElement.lang || 'en';
  document.getElementById('cooldown-at').textContent = new Date(until)
    .toLocaleString(`${lang}-BE`, { dateStyle: 'short', timeStyle: 'short' });
  setTimeout(() => {
    for (const node of form.querySelectorAll('fieldset, button')) node.disabled = false;
    cooldown.hidden = true;
  }, Math.max(0, until - Date.now()));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const answers = {};
  for (const set of form.querySelectorAll('fieldset')) {
    answers[set.dataset.question] = [...set.querySelectorAll('input:checked')].map((i) => i.value);
  }
  const reply = await fetch(`/api/v1/elearning/courses/${form.dataset.course}/attempts`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ answers, language: form.dataset.lang }),
  });
  const body = await reply.json().catch(() => ({}));
  const result = document.getElementById('result');
  if (!reply.ok) { result.textContent = reply.status === 429 ? T.cooldown : (body.detail || T.failed); return; }
  for (const r of body.results) {
    const box = form.querySelector(`fieldset[data-question="${r.id}"] .feedback`);
    box.hidden = false;
    box.className = `feedback ${r.correct ? 'right' : 'wrong'}`;
    box.textContent = `${r.correct ? T.right : T.wrong} ${r.explanation}`;
  }
  result.textContent = `${T.score} ${body.score} % · ${body.passed ? T.passed : T.not_passed}`;
  result.dataset.passed = body.passed;
  document.getElementById('submit-quiz').disabled = true;
});
