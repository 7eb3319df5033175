/* The site's own script: plain JavaScript, no framework, nothing from the network but the
   theme's files. Staged by the generator (generator/templates/theme/main.html loads it).

   1. 长辈模式 (large text): a button in the header on every page switches it; the choice is
      remembered (localStorage "wuye-elder") and applied before the first paint by the
      page's head. The styles are in site.css (html.elder).
   2. Search runs on every change of the box's text, however it arrives: typed, pasted, or
      inserted by a voice keyboard (WeChat's), which fire "input" but no key events; the
      theme listens to "keyup" only, so each "input" is passed on as a "keyup".
   3. The theme's script, and with it the search index, load only when the search is opened
      (the search button, the search box, the keys / s f, or a link with ?q=). */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "wuye-elder";
  root.classList.remove("no-js");
  root.classList.add("js");

  /* 1. 长辈模式 */
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "md-header__button elder-toggle";
  function show() {
    var on = root.classList.contains("elder");
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = "大字";
    toggle.title = on ? "退出长辈模式（恢复标准字号）" : "长辈模式：大字、宽行距";
  }
  toggle.addEventListener("click", function () {
    var on = root.classList.toggle("elder");
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
    show();
  });
  show();
  var searchButton = document.querySelector('.md-header__inner label[for="__search"], .md-header__inner .md-search__button');
  if (searchButton) {
    searchButton.parentNode.insertBefore(toggle, searchButton);
  } else {
    var inner = document.querySelector(".md-content__inner") || document.body;
    inner.insertBefore(toggle, inner.firstChild);
  }

  /* 2. Every change of the search box's text starts a search. */
  function isQuery(el) {
    return el && el.getAttribute && el.getAttribute("data-md-component") === "search-query";
  }
  document.addEventListener("input", function (event) {
    if (isQuery(event.target)) {
      event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);

  /* 3. The theme's script when the search is opened. */
  var lazy = document.querySelector("script[data-lazy-src]");
  var loading = false;
  function load(then) {
    if (loading || !lazy) return;
    loading = true;
    var script = document.createElement("script");
    script.src = lazy.getAttribute("data-lazy-src");
    script.onload = function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));  // the theme starts on it
      var input = document.querySelector('[data-md-component="search-query"]');
      if (input && input.value) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      if (then) then();
    };
    document.body.appendChild(script);
  }
  /* A theme whose search is a button (Zensical's dialog): the first press loads the script,
     then presses the button again for it. */
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest(".md-search__button");
    if (!button || loading) return;
    event.preventDefault();
    event.stopPropagation();
    load(function () { button.click(); });
  }, true);
  var searchToggle = document.getElementById("__search");
  if (searchToggle) {
    searchToggle.addEventListener("change", function () { if (searchToggle.checked) load(); });
  }
  document.addEventListener("focusin", function (event) { if (isQuery(event.target)) load(); });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (loading || event.ctrlKey || event.metaKey || event.altKey) return;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      if (searchToggle) searchToggle.checked = true;
      var input = document.querySelector('[data-md-component="search-query"]');
      if (input) input.focus();
      load();
    }
  });
  if (/[?&]q=/.test(location.search)) load();
})();
