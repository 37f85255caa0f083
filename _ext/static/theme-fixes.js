// See _ext/theme_fixes.py: both themes wire only the first .primary-toggle (and
// .secondary-toggle) in the page, a hidden one, so every other one forwards its clicks there.
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [wired, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    }
  }
});
