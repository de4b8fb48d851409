/* The search page (templates/search.html): Pagefind's index of the page's
   language (plugins/search writes it into /pagefind/ at every build).

   Nothing of Pagefind is downloaded until the reader focuses the box, types,
   or opens the page with ?q=words. The words come from data-* attributes.

   Japanese words: Pagefind's index splits compound words (異業種交流会 →
   異 / 業種 / 交流 / 会) where the browser's word segmenter may keep them
   whole, and a query word it cannot find is shortened until something
   matches, which brings pages that do not contain the word (Pagefind's issue
   #1237). So each Japanese word of the query must appear, as typed, in a
   page's text for the page to be shown; words are separated by spaces, either
   width. English words are left to Pagefind (it matches word stems). */
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
  var JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
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

  function japaneseWords(words) {
    return words.filter(function (word) {
      return JAPANESE.test(word);
    });
  }

  function hasEvery(data, words) {
    var text = normalized((data.meta.title || "") + " " + data.content);
    return words.every(function (word) {
      return text.indexOf(word) !== -1;
    });
  }

  function say(template, query) {
    status.textContent = template.replace("{query}", query);
  }

  /* The page's text around the first word found, the words marked. */
  function ownExcerpt(content, words) {
    var lower = content.toLocaleLowerCase();
    var first = -1;
    words.forEach(function (word) {
      var at = lower.indexOf(word);
      if (at !== -1 && (first === -1 || at < first)) {
        first = at;
      }
    });
    if (first === -1) {
      return null;
    }
    var start = Math.max(0, first - EXCERPT_BEFORE);
    var end = Math.min(content.length, start + EXCERPT_LENGTH);
    var paragraph = document.createElement("p");
    var text = content.slice(start, end);
    var lowerText = lower.slice(start, end);
    var at = 0;
    while (at < text.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (word) {
        var found = lowerText.indexOf(word, at);
        if (found !== -1 && (next === -1 || found < next)) {
          next = found;
          length = word.length;
        }
      });
      if (next === -1) {
        paragraph.append(text.slice(at));
        break;
      }
      paragraph.append(text.slice(at, next));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      paragraph.append(mark);
      at = next + length;
    }
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
        paragraph.append(node.textContent);
      }
    });
    return paragraph;
  }

  function resultItem(data, words) {
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
      (words.length && ownExcerpt(data.content, words)) ||
      pagefindExcerpt(data.excerpt);
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

  /* Read Pagefind's results a batch at a time until enough of them have every
     Japanese word of the query. */
  function keptResults(results, words) {
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
          if (hasEvery(data, words)) {
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
    var japanese = japaneseWords(words);
    status.textContent = root.dataset.searchLoading;
    loadPagefind()
      .then(function (pagefind) {
        return pagefind.search(words.join(" "));
      })
      .then(function (found) {
        return keptResults(found ? found.results : [], japanese);
      })
      .then(function (pages) {
        if (asked !== latest) {
          return; // a newer query is on its way
        }
        list.replaceChildren.apply(
          list,
          pages.map(function (data) {
            return resultItem(data, japanese);
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

  function remember(query) {
    var url = new URL(window.location.href);
    if (query.trim()) {
      url.searchParams.set("q", query.trim());
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
  }

  form.hidden = false;
  root.querySelector("[data-search-no-script]").hidden = true;

  input.addEventListener("focus", function () {
    loadPagefind().catch(function () {
      /* reported when the reader searches */
    });
  });
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

  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    search(asked);
  }
})();
