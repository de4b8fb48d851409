// Language choice, remembered. Progressive: without this file the toggle is a
// plain link to the other language and nothing else changes.
//
// - Following a language link stores the reader's choice.
// - On the site root, a reader who chose another language before is taken to
//   that language's home page (posts are never redirected).
// - A first-time reader whose browser prefers another language of the site,
//   and not this page's, is offered a link to it; the offer can be dismissed.
(function () {
  "use strict";

  var CHOICE_KEY = "preferred-language";
  var DISMISSED_KEY = "language-suggestion-dismissed";

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage disabled: behave as for a first visit
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      // storage disabled: the links still work, the choice is just not kept
    }
  }

  function prefersOnly(lang, pageLang) {
    var preferred = (navigator.languages || [navigator.language || ""]).map(
      function (tag) {
        return String(tag).toLowerCase().split("-")[0];
      }
    );
    return preferred.indexOf(lang) !== -1 && preferred.indexOf(pageLang) === -1;
  }

  var pageLang = document.documentElement.lang;

  document.querySelectorAll("a[data-lang-choice]").forEach(function (link) {
    link.addEventListener("click", function () {
      write(CHOICE_KEY, link.dataset.langChoice);
    });
  });

  var toggle = document.querySelector(".lang-toggle");
  var choice = read(CHOICE_KEY);
  if (toggle && toggle.dataset.siteRoot === "true" && choice && choice !== pageLang) {
    var home = toggle.querySelector('a[data-lang-choice="' + choice + '"]');
    if (home) {
      window.location.replace(home.href);
      return;
    }
  }

  if (choice || read(DISMISSED_KEY)) {
    return;
  }
  document.querySelectorAll(".lang-suggestion").forEach(function (suggestion) {
    if (!prefersOnly(suggestion.dataset.suggestLang, pageLang)) {
      return;
    }
    suggestion.hidden = false;
    suggestion
      .querySelector(".lang-suggestion__dismiss")
      .addEventListener("click", function () {
        write(DISMISSED_KEY, "1");
        suggestion.hidden = true;
      });
  });
})();
