"""Links to the author's profiles and to share a page: plain links, no script."""

from urllib.parse import quote, urlencode

__all__ = ["profiles", "share_links"]


def share_links(url, title, social):
    """Share links for X, Facebook, LINE and Hatena Bookmark: [{service, url}]."""

    def query(params):
        return urlencode(params, quote_via=quote)  # spaces as %20, / and : encoded

    tweet = {"text": title, "url": url}
    if social["x_handle"]:
        tweet["via"] = social["x_handle"]
    return [
        {"service": "x", "url": "https://x.com/intent/tweet?" + query(tweet)},
        {
            "service": "facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + query({"u": url}),
        },
        {
            "service": "line",
            "url": "https://social-plugins.line.me/lineit/share?" + query({"url": url}),
        },
        {
            "service": "hatena",
            "url": "https://b.hatena.ne.jp/add?"
            + query({"mode": "confirm", "url": url, "title": title}),
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
