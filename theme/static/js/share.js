/* Copy-link and native share buttons of partials/share_links.html.
   Without JavaScript they stay hidden and the plain share links still work.
   Everything comes from data-* attributes; nothing is sent anywhere. */
(function () {
  "use strict";

  function setUpCopy(box, item, url, status) {
    if (!item || !navigator.clipboard || !window.isSecureContext) {
      return;
    }
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(
        function () {
          status.textContent = item.dataset.shareDone;
        },
        function () {
          status.textContent = item.dataset.shareFailed;
        }
      );
    });
  }

  function setUpNative(box, item, url, title) {
    if (!item || typeof navigator.share !== "function") {
      return;
    }
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () {
        /* The reader closed the share sheet: nothing to do. */
      });
    });
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.dataset.shareUrl;
    var status = box.querySelector("[data-share-status]");
    setUpCopy(box, box.querySelector("[data-share-copy]"), url, status);
    setUpNative(box, box.querySelector("[data-share-native]"), url, box.dataset.shareTitle);
  });
})();
