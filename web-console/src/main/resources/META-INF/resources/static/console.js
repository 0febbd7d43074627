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

// A file larger than the service takes (data-max-bytes) is refused before it is sent, with the
// page's own sentence next to the field; the browser then does not submit the form.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) {
    return;
  }
  const file = input.files && input.files[0];
  const tooLarge = file && file.size > Number(input.dataset.maxBytes);
  const message = tooLarge ? input.dataset.tooLarge : "";
  input.setCustomValidity(message);
  input.setAttribute("aria-invalid", tooLarge ? "true" : "false");
  const shown = input.dataset.error && document.querySelector(input.dataset.error);
  if (shown) {
    shown.textContent = message;
  }
});
