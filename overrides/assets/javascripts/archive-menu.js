/* Material's menu button (on phones, and on desktops zoomed in) is a <label> for a hidden checkbox:
 * a keyboard could not reach it, while the closed menu's links, off screen, still took focus. The
 * build makes the label a focusable, named button (build_tools/mkdocs_hooks.py); here Enter and
 * Space open and close the menu, Escape closes it, and a closed menu's links leave the tab order. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 76.2344em)");  // where Material turns the sidebar into a drawer

  function update() {
    drawer.inert = narrow.matches && !toggle.checked;
    button.setAttribute("aria-expanded", String(toggle.checked));
  }

  function set(open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation();  // Material clicks a focused label on Enter too: that would undo this
      set(!toggle.checked);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && narrow.matches) {
      set(false);
      button.focus();
    }
  });
  toggle.addEventListener("change", update);
  narrow.addEventListener("change", update);
  update();
})();
