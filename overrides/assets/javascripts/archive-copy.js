/* Copy buttons of the citation box: copies the text of the <pre data-cite> named by data-copy
 * then says so on the button (which screen readers announce: aria-live). */
(function () {
  "use strict";
  document.querySelectorAll("button.archive-copy").forEach(function (button) {
    button.setAttribute("aria-live", "polite");
    var label = button.textContent;
    button.addEventListener("click", function () {
      var text = document.querySelector("pre[data-cite=\"" + button.dataset.copy + "\"]").textContent;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
