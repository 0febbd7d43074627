// The console's only script besides htmx: copy buttons (a device token, a SCIM token). No inline
// script anywhere, so that the Content-Security-Policy can forbid them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const source = document.querySelector(button.dataset.copy);
  if (!source) {
    return;
  }
  const done = () => {
    button.textContent = button.dataset.copied;
  };
  const selectIt = () => {
    // No clipboard (an insecure origin, or denied): select the text for the person to copy.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.textContent.trim()).then(done, selectIt);
  } else {
    selectIt();
  }
});
