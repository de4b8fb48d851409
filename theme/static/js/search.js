/* The search page (templates/search.html): Pagefind's index of the page's
   language (plugins/search writes it into /pagefind/ at every build).

   Nothing of Pagefind is downloaded until the reader uses the box (focuses
   it, clicks or types in it) or opens the page with ?q=words. Opened without
   words, the page puts the cursor in the box. The words come from data-*
   attributes.

   Pagefind finds pages that do not contain the query's words: a query word it
   cannot find is shortened until something matches (Pagefind's issue #1237),
   so "mindset" brings pages with "mind". Its results are therefore read and
   kept only if the page's text has every word of the query:
   - a Japanese word as typed, anywhere (Pagefind's index splits compound
     words, 異業種交流会 → 異 / 業種 / 交流 / 会, where the browser's word
     segmenter may keep them whole);
   - an English word at the start of a word of the text, or the English word
     less a plain ending (s, es, ed, ing), so that "jobs" finds "job" and
     "mixer" finds "mixers", but "mindset" does not find "mind".
   Words are separated by spaces, either width. The excerpt marks what was
   found: the Japanese word, or the whole English word of the text.

   Pagefind ends the text of each heading or paragraph that has no final
   punctuation with ". "; after Japanese text, the excerpt shows "。" instead.

   The language toggle leads to the other language's search page with the
   same words (?q=). */
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root) {
    return;
  }
  var form = root.querySelector("[data-search-form]");
  var input = form.querySelector("input");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");

  var SHOWN = 20; // results shown at most
  var CHECKED = 100; // Pagefind results read at most to find them
  var BATCH = 10;
  var KANA_KANJI = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}";
  var JAPANESE = new RegExp("[" + KANA_KANJI + "]", "u");
  // Letters and digits of words written with spaces between them.
  var WORD_CHARACTER = "[\\p{Script=Latin}\\p{N}]";
  var ENDINGS = ["s", "es", "ed", "ing"]; // plain English endings
  var SHORTEST_STEM = 3; // "is" less "s" would find every word with an "i"
  // Pagefind's ". " after a heading or paragraph that ends in Japanese text.
  var JOINED_JAPANESE = new RegExp("([" + KANA_KANJI + "ー])\\.(?: |$)", "gu");
  var EXCERPT_BEFORE = 40; // characters of context before the first match
  var EXCERPT_LENGTH = 120;

  var loading = null;
  var latest = 0;
  var timer = null;

  function siteUrl(path) {
    return new URL(path, document.baseURI);
  }

  function loadPagefind() {
    if (!loading) {
      var bundle = siteUrl(root.dataset.searchBundle).href;
      loading = import(bundle + "pagefind.js").then(function (pagefind) {
        var options = { baseUrl: siteUrl(root.dataset.searchSite).pathname };
        return pagefind.options(options).then(function () {
          return pagefind;
        });
      });
    }
    return loading;
  }

  /* Full-width letters, digits and spaces as half-width, half-width kana as
     full-width, capitals as small letters: as readers type them either way. */
  function normalized(text) {
    return text.normalize("NFKC").toLocaleLowerCase();
  }

  function queryWords(query) {
    return normalized(query).split(/\s+/).filter(Boolean);
  }

  function escaped(text) {
    return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }

  /* The beginnings a word of the text may have to match an English query
     word: the word itself, and the word less each plain ending it has. */
  function englishStems(word) {
    var stems = [word];
    ENDINGS.forEach(function (ending) {
      var stem = word.slice(0, -ending.length);
      if (word.endsWith(ending) && stem.length >= SHORTEST_STEM) {
        stems.push(stem);
      }
    });
    return stems;
  }

  /* What a query word finds in a text in small letters: a function of the
     text and where to start that returns the next match, {start, end}, or
     null. Null for a word with no letter or digit (a lone "-"). */
  function matcher(word) {
    if (JAPANESE.test(word)) {
      return function (text, from) {
        var start = text.indexOf(word, from);
        return start === -1 ? null : { start: start, end: start + word.length };
      };
    }
    var bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (!bare) {
      return null;
    }
    var pattern = new RegExp(
      "(?<!" + WORD_CHARACTER + ")(?:" + englishStems(bare).map(escaped).join("|") + ")" +
        WORD_CHARACTER + "*",
      "gu"
    );
    return function (text, from) {
      pattern.lastIndex = from;
      var found = pattern.exec(text);
      return found ? { start: found.index, end: found.index + found[0].length } : null;
    };
  }

  function matchers(words) {
    return words.map(matcher).filter(Boolean);
  }

  function hasEvery(data, finders) {
    var text = normalized((data.meta.title || "") + " " + data.content);
    return finders.every(function (find) {
      return find(text, 0) !== null;
    });
  }

  /* The first match of any of the finders, from `from` on. */
  function firstMatch(text, finders, from) {
    var first = null;
    finders.forEach(function (find) {
      var found = find(text, from);
      if (found && (!first || found.start < first.start)) {
        first = found;
      }
    });
    return first;
  }

  /* Pagefind's ". " after Japanese text as "。". */
  function readable(text) {
    return text.replace(JOINED_JAPANESE, "$1。");
  }

  function say(template, query) {
    status.textContent = template.replace("{query}", query);
  }

  /* The page's text around the first word found, the words marked. */
  function ownExcerpt(content, finders) {
    var lower = content.toLocaleLowerCase();
    var found = firstMatch(lower, finders, 0);
    if (!found) {
      return null;
    }
    var start = Math.max(0, found.start - EXCERPT_BEFORE);
    var end = Math.min(content.length, start + EXCERPT_LENGTH);
    var paragraph = document.createElement("p");
    var at = start;
    while (found && found.start < end) {
      paragraph.append(content.slice(at, found.start));
      var mark = document.createElement("mark");
      mark.textContent = content.slice(found.start, Math.min(found.end, end));
      paragraph.append(mark);
      at = Math.min(found.end, end);
      found = firstMatch(lower, finders, at);
    }
    paragraph.append(content.slice(at, end));
    if (start > 0) {
      paragraph.prepend("…");
    }
    if (end < content.length) {
      paragraph.append("…");
    }
    return paragraph;
  }

  /* Pagefind's own excerpt: its text and <mark> elements, nothing else. */
  function pagefindExcerpt(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var paragraph = document.createElement("p");
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(readable(node.textContent));
      }
    });
    return paragraph;
  }

  function resultItem(data, finders) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    item.append(heading);
    if (data.meta.date) {
      var date = document.createElement("p");
      date.className = "search-result__date";
      date.textContent = data.meta.date;
      item.append(date);
    }
    var excerpt =
      ownExcerpt(readable(data.content), finders) || pagefindExcerpt(data.excerpt);
    excerpt.className = "search-result__excerpt";
    item.append(excerpt);
    if (data.meta.summary) {
      var summary = document.createElement("p");
      summary.className = "search-result__summary";
      summary.textContent = data.meta.summary;
      item.append(summary);
    }
    return item;
  }

  /* Read Pagefind's results a batch at a time until enough of them have
     every word of the query. */
  function keptResults(results, finders) {
    var kept = [];
    var checked = results.slice(0, CHECKED);
    function next(from) {
      if (from >= checked.length || kept.length >= SHOWN) {
        return Promise.resolve(kept.slice(0, SHOWN));
      }
      var batch = checked.slice(from, from + BATCH).map(function (result) {
        return result.data();
      });
      return Promise.all(batch).then(function (pages) {
        pages.forEach(function (data) {
          if (hasEvery(data, finders)) {
            kept.push(data);
          }
        });
        return next(from + BATCH);
      });
    }
    return next(0);
  }

  function search(query) {
    var asked = ++latest;
    var words = queryWords(query);
    if (!words.length) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    var finders = matchers(words);
    status.textContent = root.dataset.searchLoading;
    loadPagefind()
      .then(function (pagefind) {
        return pagefind.search(words.join(" "));
      })
      .then(function (found) {
        return keptResults(found ? found.results : [], finders);
      })
      .then(function (pages) {
        if (asked !== latest) {
          return; // a newer query is on its way
        }
        list.replaceChildren.apply(
          list,
          pages.map(function (data) {
            return resultItem(data, finders);
          })
        );
        say(pages.length ? root.dataset.searchFound : root.dataset.searchNone, query.trim());
      })
      .catch(function () {
        if (asked === latest) {
          list.replaceChildren();
          status.textContent = root.dataset.searchFailed;
        }
      });
  }

  /* `address` with the query as its ?q=, or without ?q= for no query. */
  function withQuery(address, query) {
    var url = new URL(address, document.baseURI);
    if (query.trim()) {
      url.searchParams.set("q", query.trim());
    } else {
      url.searchParams.delete("q");
    }
    return url.href;
  }

  /* The query in this page's address and in the links to the other
     language's search page (the toggle, the suggestion). */
  function remember(query) {
    window.history.replaceState(null, "", withQuery(window.location.href, query));
    document.querySelectorAll("a[data-lang-choice]").forEach(function (link) {
      link.href = withQuery(link.href, query);
    });
  }

  function preload() {
    loadPagefind().catch(function () {
      /* reported when the reader searches */
    });
  }

  form.hidden = false;
  root.querySelector("[data-search-no-script]").hidden = true;

  var asked = new URLSearchParams(window.location.search).get("q");
  if (!asked) {
    // Before the preloading below: the cursor alone downloads nothing.
    input.focus();
  }

  input.addEventListener("focus", preload);
  input.addEventListener("pointerdown", preload);
  input.addEventListener("keydown", preload);
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      remember(input.value);
      search(input.value);
    }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(input.value);
    search(input.value);
  });

  if (asked) {
    input.value = asked;
    remember(asked);
    search(asked);
  }
})();
