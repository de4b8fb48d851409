"""Links to the author's profiles and to share a page: plain links, no script."""

from urllib.parse import quote

__all__ = ["profiles", "share_links"]


def query(pairs):
    """A query string of already quoted values: spaces as %20, / and : encoded."""
    return "&".join(f"{name}={value}" for name, value in pairs)


def share_links(url, title, social):
    """Share links for X, Facebook, LINE and Hatena Bookmark: [{service, url}].

    The address and the title are quoted once for the four links (as
    `urlencode(..., quote_via=quote)` quotes each value).
    """
    url, title = quote(str(url), safe=""), quote(str(title), safe="")
    tweet = [("text", title), ("url", url)]
    if social["x_handle"]:
        tweet.append(("via", quote(str(social["x_handle"]), safe="")))
    return [
        {"service": "x", "url": "https://x.com/intent/tweet?" + query(tweet)},
        {
            "service": "facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + query([("u", url)]),
        },
        {
            "service": "line",
            "url": "https://social-plugins.line.me/lineit/share?"
            + query([("url", url)]),
        },
        {
            "service": "hatena",
            "url": "https://b.hatena.ne.jp/add?"
            + query([("mode", "confirm"), ("url", url), ("title", title)]),
        },
    ]


def profiles(social):
    """The author's profiles: [{service, name, url, handle}], unset ones left out."""
    found = []
    if social["x_handle"]:
        handle = social["x_handle"]
        found.append(
            {
                "service": "x",
                "name": "X",
                "url": f"https://x.com/{handle}",
                "handle": f"@{handle}",
            }
        )
    if social["facebook_url"]:
        found.append(
            {
                "service": "facebook",
                "name": "Facebook",
                "url": social["facebook_url"],
                "handle": "",
            }
        )
    return found
