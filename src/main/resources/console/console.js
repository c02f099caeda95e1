// The console works without this file. It only asks before the two outbox decisions that
// cannot be taken back, and before marking an entry reviewed.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
