"""The Japanese text of every message, by its English template (see messages.py).

Each section is a heading (in both languages) and {English template: Japanese
text}. A Japanese text has the same {placeholders} as its template; a literal
brace is written twice ({{static}}). The order is the order of the author's
guide, which lists them (scripts/messages_doc.py).
"""

FILES = {
    "the file is not saved as UTF-8: it looks like {encoding}; {fix}": (
        "ファイルが UTF-8 で保存されていません（{encoding} のようです）。{fix}"
    ),
    "the file is not saved as UTF-8 (unreadable byte {byte} at position {position}); "
    "{fix}": (
        "ファイルが UTF-8 で保存されていません（{position} バイト目の {byte} が"
        "読めません）。{fix}"
    ),
    'save it again as UTF-8 (VS Code: "Save with Encoding" → "UTF-8"; '
    'Notepad: "Save As" → Encoding "UTF-8")': (
        "UTF-8 で保存し直してください（VS Code:「エンコード付きで保存」→「UTF-8」、"
        "メモ帳:「名前を付けて保存」→ 文字コード「UTF-8」）"
    ),
    'the file is empty: write at least a "Title:" line and some text, '
    "or delete the file": (
        "ファイルが空です。少なくとも「Title: 」の行と本文を書くか、"
        "ファイルを削除してください"
    ),
    "line {number}: {named}, an invisible character (often pasted from a word "
    "processor) that breaks the page: delete it": (
        "{number} 行目に目に見えない文字 {named} があります（ワープロから"
        "貼り付けるとよく入ります）。ページが壊れるので、その文字を消してください"
    ),
    "{name} (U+{code})": "{name}（U+{code}）",
    "a NUL character": "NUL 文字",
    "a backspace": "バックスペース",
    "a vertical tab": "垂直タブ",
    "a form feed": "改ページ文字",
    "an escape character": "エスケープ文字",
    "a delete character": "削除文字（DEL）",
    "a control character": "制御文字",
    "has the same name as {first}, written with other Unicode characters (as "
    "macOS writes accents and dakuten): the two would be one page; keep one of "
    "them": (
        "{first} と同じ名前のファイルが、別の Unicode 文字で書かれてあります"
        "（macOS は濁点を分けて書きます）。二つは同じページになってしまうので、"
        "どちらか一つだけ残してください"
    ),
    "write posts and pages in Markdown: rename the file to .md (the site reads "
    "and checks only Markdown)": (
        "記事とページは Markdown で書きます。ファイル名の末尾を .md に変えてください"
        "（サイトが読んで確かめるのは Markdown だけです）"
    ),
    "is a symbolic link to a place outside the project folder, which would be "
    "published: copy what it should show into content/, or delete the link": (
        "プロジェクトのフォルダの外を指すシンボリックリンクです（外のファイルが"
        "公開されてしまいます）。見せたいものを content/ にコピーするか、"
        "リンクを削除してください"
    ),
    "is a symbolic link to nothing (its target was moved or deleted): delete the "
    "link": (
        "何も指していないシンボリックリンクです（指していたファイルが移動または"
        "削除されました）。リンクを削除してください"
    ),
}

HEADER = {
    "the file starts with an empty line, so the metadata lines below it (Title:, "
    "Date:, ...) are not read: remove the empty line at the top": (
        "ファイルが空行で始まっているため、その下の記事の情報（Title:、Date: など）"
        "が読まれません。先頭の空行を消してください"
    ),
    'line {number} "{line}" is not read as metadata: write the name, then an ASCII '
    'colon and a space, as in "{fixed}"': (
        "{number} 行目「{line}」は記事の情報として読まれません。名前のすぐあとに"
        "半角のコロン「:」と半角スペースを書きます。正しい行: {fixed}"
    ),
    'line {number} "{line}" has a full-width colon "：" after the name: write an '
    'ASCII colon, as in "{fixed}"': (
        "{number} 行目「{line}」の名前のあとのコロンが全角の「：」です。"
        "半角の「:」にしてください。正しい行: {fixed}"
    ),
    'line {number} "{line}" has a full-width space "\u3000": delete it or write '
    'an ASCII space, as in "{fixed}"': (
        "{number} 行目「{line}」に全角スペース「\u3000」があります。"
        "消すか、半角スペースにしてください。正しい行: {fixed}"
    ),
    'Title is still "{placeholder}", the placeholder make newpost wrote: write '
    'the title, or keep "Status: draft" until the post is ready': (
        "タイトルが make newpost の仮の文「{placeholder}」のままです。タイトルを"
        "書くか、公開できるまで「Status: draft」のままにしてください"
    ),
    'the text still has "{placeholder}", the placeholder make newpost wrote: '
    'write the text in its place, or keep "Status: draft" until the post is '
    "ready": (
        "本文に make newpost の仮の文「{placeholder}」が残っています。そこに本文を"
        "書くか、公開できるまで「Status: draft」のままにしてください"
    ),
    'Title is missing: add a first line like "Title: ..."': (
        "タイトルがありません。1行目に「Title: 記事のタイトル」と書いてください"
    ),
    'Title is empty: write the title after "Title:"': (
        "タイトルが空です。「Title: 」のあとにタイトルを書いてください"
    ),
    'Date is missing: add a line like "Date: 2024-05-01 10:00"': (
        "日付がありません。「Date: 2024-05-01 10:00」のような行を書いてください"
    ),
    "{name} is empty ({hint})": "{name} が空です（{hint}）",
    '{name} "{value}" can be read as two different days (day/month or '
    "month/day): write it year first, as YYYY-MM-DD ({hint})": (
        "{name}「{value}」は「日/月」とも「月/日」とも読めて、日付が決まりません。"
        "年を先に書いてください（{hint}）"
    ),
    '{name} "{value}" is written {order}/year: write it year first, as '
    '"{name}: {fixed}"': (
        "{name}「{value}」は「{order}/年」の順に書かれています。年を先に書いてください。"
        "正しい行: {name}: {fixed}"
    ),
    '{name} "{value}" is written {order}/year: write it year first, as '
    '"{name}: {fixed}", or with the time, as "{name}: {fixed} 10:00"': (
        "{name}「{value}」は「{order}/年」の順に書かれています。年を先に書いてください。"
        "正しい行: {name}: {fixed}（時刻も書くなら {name}: {fixed} 10:00）"
    ),
    "month/day": "月/日",
    "day/month": "日/月",
    '{name} "{value}" is not a valid date ({hint})': (
        "{name}「{value}」は日付として読めません（{hint}）"
    ),
    '{name} "{value}" is written with 年月日: write it as "{name}: {fixed}"': (
        "{name}「{value}」は「年月日」で書かれています。"
        "「年-月-日 時:分」の形にしてください。正しい行: {name}: {fixed}"
    ),
    '{name} "{value}" is written with 年月日: write it as "{name}: {fixed}", or '
    'with the time, as "{name}: {fixed} 10:00"': (
        "{name}「{value}」は「年月日」で書かれています。"
        "「年-月-日 時:分」の形にしてください。"
        "正しい行: {name}: {fixed}（時刻も書くなら {name}: {fixed} 10:00）"
    ),
    '{name} "{value}" has full-width characters: write it with ASCII digits and '
    'signs, as in "{name}: {fixed}"': (
        "{name}「{value}」に全角の文字（数字・記号・スペース）があります。"
        "半角にしてください。正しい行: {name}: {fixed}"
    ),
    "use YYYY-MM-DD HH:MM": "「年-月-日 時:分」の形で、例: 2024-05-01 10:00",
    'Lang "{value}" is not a language of this site (use {allowed})': (
        "Lang「{value}」はこのサイトの言語ではありません（{allowed} のどれかを"
        "書きます）"
    ),
    'the file name gives the language "{lang}", which is not a language of this '
    "site: name the file {names}": (
        "ファイル名の言語「{lang}」はこのサイトの言語ではありません。ファイル名を"
        " {names} にしてください"
    ),
    'Status "{value}" is not one of {statuses}{suggestion}': (
        "Status「{value}」は使えません（{statuses} のどれかです）{suggestion}"
    ),
    'Status "{value}" is not one of {statuses}: write it as "Status: {fixed}"': (
        "Status「{value}」は使えません（{statuses} のどれかです）。"
        "正しい行: Status: {fixed}"
    ),
    ' (did you mean "{choice}"?)': "。「{choice}」の書き間違いではありませんか？",
    'unknown metadata "{name}"{suggestion}: fix the name, or the line is ignored': (
        "「{name}」という記事の情報の名前はありません{suggestion}"
        "名前を直さないと、この行は無視されます"
    ),
    'Tags "{value}" uses ";", which changes how every tag is split: separate tags '
    'with commas, as in "Tags: {fixed}"': (
        "Tags「{value}」に「;」があり、タグの区切り方が変わってしまいます。"
        "タグは半角の「,」で区切ります。正しい行: Tags: {fixed}"
    ),
    'Tags "{value}" has an empty tag (two commas in a row, or a comma at the end): '
    "remove the extra comma": (
        "Tags「{value}」に空のタグがあります（「,」が二つ続いているか、最後に"
        "「,」があります）。余分な「,」を消してください"
    ),
    'tag "{tag}" contains HTML; tags are plain text': (
        "タグ「{tag}」に HTML があります。タグはふつうの文字だけで書きます"
    ),
    'tag "{tag}" contains "{characters}": separate tags with a comma, as in '
    '"Tags: {fixed}"': (
        "タグ「{tag}」に「{characters}」があります。タグは半角の「,」で区切ります。"
        "正しい行: Tags: {fixed}"
    ),
    "{reason} (rename the file or set Slug:)": (
        "{reason}（ファイル名を変えるか、「Slug: 」の行を書いてください）"
    ),
    "the slug is empty: give the file a name, or write a Slug: line": (
        "スラッグ（アドレス）が空です。ファイルに名前をつけるか、"
        "「Slug: 」の行を書いてください"
    ),
    'the slug "{slug}" cannot be an address: write it with {rule}': (
        "スラッグ「{slug}」はアドレスに使えません。{rule}"
    ),
    "lower-case ASCII letters (a-z), digits and single hyphens between them": (
        "半角の小文字（a-z）・数字（0-9）と、その間のハイフン（-）1つずつだけで"
        "書いてください。例: my-topic"
    ),
    'the slug "{slug}" is a name the site uses for its own pages: choose another': (
        "スラッグ「{slug}」はサイトが自分のページに使う名前です。別の名前にしてください"
    ),
    'Category "{category}" contains HTML; a category is plain text': (
        "カテゴリ「{category}」に HTML があります。カテゴリはふつうの文字だけで書きます"
    ),
    'Category "{category}" is not one of the site\'s categories ({categories})'
    '{suggestion}: new categories go in CONTENT_CHECKS["categories"] in '
    "pelicanconf.py": (
        "カテゴリ「{category}」はこのサイトのカテゴリ（{categories}）にありません"
        "{suggestion}新しいカテゴリは pelicanconf.py の "
        'CONTENT_CHECKS["categories"] に足します'
    ),
}

NAMES = {
    '{field} "{name}" has no slug: {add}': (
        "{field}「{name}」のアドレス（ローマ字）がまだ決まっていません。{add}"
    ),
    '{field} "{name}" has no slug: is it a typo for "{choice}"? If it is a new '
    "name, {add}": (
        "{field}「{name}」のアドレス（ローマ字）がまだ決まっていません。"
        "「{choice}」の書き間違いではありませんか？新しい名前なら、{add}"
    ),
    'add "{name}": "{slug}" to {setting}["slugs"] in {file}': (
        '{file} の {setting}["slugs"] に次の1行を足してください: "{name}": "{slug}",'
    ),
    '{field} "{name}" contains an invisible character ({codes}): delete it from '
    "the line": (
        "{field}「{name}」に目に見えない文字（{codes}）があります。"
        "その行から消してください"
    ),
    '{field} "{name}" has no letters or digits to make an address from: {add}': (
        "{field}「{name}」にはアドレスにできる文字や数字がありません。{add}"
    ),
    '{field} "{name}" makes an address {length} characters long (at most {most}): '
    "shorten it, or {add}": (
        "{field}「{name}」のアドレスが {length} 文字になります（{most} 文字まで）。"
        "短くするか、{add}"
    ),
    '{field} "{name}" makes the address "{slug}", which is not lower-case letters, '
    "digits and hyphens: {add}": (
        "{field}「{name}」のアドレスが「{slug}」になり、小文字・数字・ハイフン"
        "だけになりません。{add}"
    ),
    'Title "{source}" gives no address: add the line "Slug: {slug}" under the title': (
        "タイトル「{source}」からはアドレスが作れません。タイトルの下に"
        "「Slug: {slug}」の行を足してください"
    ),
    'the file name "{source}" gives no address: add the line "Slug: {slug}" under '
    "the title": (
        "ファイル名「{source}」からはアドレスが作れません。タイトルの下に"
        "「Slug: {slug}」の行を足してください"
    ),
    '{group} {listed} would both get the address slug "{slug}". Give one of them '
    'its own slug in {setting}["slugs"] in pelicanconf.py.': (
        "{group} {listed} が同じアドレス「{slug}」になります。pelicanconf.py の "
        '{setting}["slugs"] でどちらかに別のアドレスを決めてください。'
    ),
    "“{name}” ({path})": "「{name}」（{path}）",
    "categories": "カテゴリ",
    "tags": "タグ",
    "authors": "著者",
}

BODY = {
    "line {line}: the author's note '<!--' is never closed: end it with '-->'": (
        "{line} 行目: メモ「<!--」が閉じていません。メモの終わりに「-->」を"
        "書いてください"
    ),
    "the author's note '<!--' is never closed: end it with '-->'": (
        "メモ「<!--」が閉じていません。メモの終わりに「-->」を書いてください"
    ),
    "tweet block: the field 'url' is missing": (
        "ツイートの引用（::: tweet）: url の行がありません。"
        "例: url: https://x.com/<ハンドル>/status/<番号>"
    ),
    "tweet block: the tweet's text is missing": (
        "ツイートの引用（::: tweet）: ツイートの本文がありません"
    ),
    "tweet block: date {date} is not a date like 2018-08-20": (
        "ツイートの引用（::: tweet）: date {date} は日付として読めません。"
        "例: date: 2018-08-20"
    ),
    "tweet block: '::: tweet' is never closed: end the quoted tweet with a line "
    "':::'": (
        "ツイートの引用「::: tweet」が閉じていません。引用の終わりに「:::」"
        "だけの行を書いてください"
    ),
    "tweet block: url {url} is not the address of a post "
    "(https://x.com/<handle>/status/<number>) or of a profile "
    "(https://x.com/<handle>) on X": (
        "ツイートの引用（::: tweet）: url {url} は X の投稿"
        "（https://x.com/<ハンドル>/status/<番号>）やプロフィール"
        "（https://x.com/<ハンドル>）のアドレスではありません"
    ),
    "tweet block: field {name} is given twice": (
        "ツイートの引用（::: tweet）: {name} の行が二つあります。一つにしてください"
    ),
}

LINKS = {
    'link "{link}" leads out of the content folder': (
        "リンク「{link}」が content フォルダの外を指しています"
    ),
    'image "{link}" points to a file that does not exist ({expected})': (
        "画像「{link}」のファイルがありません（{expected} に置くか、"
        "リンクを直してください）"
    ),
    'link "{link}" points to a file that does not exist ({expected})': (
        "リンク「{link}」の先のファイルがありません（{expected} に置くか、"
        "リンクを直してください）"
    ),
    '{name} "{address}" {reason}: it would write over another page; choose another '
    "address": (
        "{name}「{address}」は{reason}。ほかのページを上書きしてしまうので、"
        "別のアドレスにしてください"
    ),
    "leads out of the site's folder": "サイトのフォルダの外を指しています",
    "is the home page": "トップページです",
    'is in "{folder}", which the site writes itself': (
        "サイトが自分で書くフォルダ「{folder}」の中です"
    ),
    "would be written to {save_as}, as {first} is: two pages cannot share one "
    'address; rename one file or give it another "Slug:"': (
        "{first} と同じ {save_as} に書き出されます。二つのページが同じアドレスを"
        "使うことはできません。どちらかのファイル名を変えるか、別の「Slug: 」を"
        "書いてください"
    ),
}

TRANSLATIONS = {
    "is not translated yet (no title, no text), but {others} has the same file "
    "name, and the build can leave out only both or neither: write the "
    "translation, or delete the empty file, or rename one of them": (
        "まだ翻訳されていない（タイトルも本文もない）ファイルですが、{others} が"
        "同じファイル名です。ビルドは両方を外すか、どちらも外さないかしかできません。"
        "翻訳を書くか、空のファイルを削除するか、どちらかの名前を変えてください"
    ),
    'is marked "Translation: true" but is in the same language ({lang}) as its '
    "original {first}: a translation is in the other language (check the file "
    "name and Lang:)": (
        "「Translation: true」（翻訳）の印がありますが、原文 {first} と同じ言語"
        "（{lang}）です。翻訳はもう一つの言語で書きます（ファイル名と Lang: を"
        "確かめてください）"
    ),
    'has the same slug "{slug}" and language ({lang}) as {first}: two posts cannot '
    'share one address; rename one file or give it another "Slug:"': (
        "{first} と同じスラッグ「{slug}」、同じ言語（{lang}）です。二つの記事が"
        "同じアドレスを使うことはできません。どちらかのファイル名を変えるか、"
        "別の「Slug: 」を書いてください"
    ),
    'has the same slug "{slug}" and language ({lang}) as {first}: two pages cannot '
    'share one address; rename one file or give it another "Slug:"': (
        "{first} と同じスラッグ「{slug}」、同じ言語（{lang}）です。二つのページが"
        "同じアドレスを使うことはできません。どちらかのファイル名を変えるか、"
        "別の「Slug: 」を書いてください"
    ),
    'is marked "Translation: true" but there is no original with the slug '
    '"{slug}"; it is shown as a post of its own': (
        "「Translation: true」（翻訳）の印がありますが、スラッグ「{slug}」の原文が"
        "ありません。独立した記事として表示されます"
    ),
    'is marked "Translation: true" but there is no original with the slug '
    '"{slug}"; it is shown as a page of its own': (
        "「Translation: true」（翻訳）の印がありますが、スラッグ「{slug}」の原文が"
        "ありません。独立したページとして表示されます"
    ),
    "no {language} translation yet for {count}: {files} (a translation is the "
    'same file name with .{lang}. and "Translation: true"; make translations '
    "lists them)": (
        "{language}版がまだないものが {count} 件あります: {files}（翻訳は同じ"
        "ファイル名の .{lang}. で、「Translation: true」をつけて作ります。"
        "一覧は make translations で見られます）"
    ),
    "English": "英語",
    "Japanese": "日本語",
    "is an outdated translation: {original} changed since. Update it, then run: "
    "make translated SLUG={slug}": (
        "翻訳が古くなっています（そのあと {original} が変わりました）。"
        "翻訳を直してから make translated SLUG={slug} を実行してください"
    ),
    "has not been marked up to date with {original} yet. Once it is translated, "
    "run: make translated SLUG={slug}": (
        "{original} に合わせた翻訳だという記録がまだありません。"
        "訳し終えたら make translated SLUG={slug} を実行してください"
    ),
}

WARNINGS = {
    "{where} has {found}: the site's Content-Security-Policy stops it in readers' "
    "browsers, so it does nothing there; remove it": (
        "{where}に {found} があります。サイトのセキュリティ設定"
        "（Content-Security-Policy）で読者のブラウザでは止められ、何も起きません。"
        "消してください"
    ),
    "the body": "本文",
    "the Summary": "Summary（紹介文）",
    "an <{tag}> element": "<{tag}> 要素",
    'an event attribute "{name}="': "イベント属性「{name}=」",
    'a "javascript:" address in {name}=': "{name}= の「javascript:」アドレス",
    "Date {date} is in the future, so the post stays at the top of the home page "
    'until then: fix the date, or write "Status: draft" if it is not ready': (
        "Date {date} は未来の日時なので、その日までトップページの一番上に"
        "出続けます。日付を直すか、まだ公開しないなら「Status: draft」にしてください"
    ),
    'ADMIN["github_repo"] is empty, so the CMS at {siteurl}/admin/ cannot load: '
    'write the repository as "owner/name" into ADMIN in pelicanconf.py': (
        'ADMIN["github_repo"] が空なので、{siteurl}/admin/ の編集画面が開きません。'
        "pelicanconf.py の ADMIN に、リポジトリを「持ち主/名前」の形で書いてください"
        '（例: ADMIN = {{"github_repo": "持ち主/名前"}}）'
    ),
}

SETTINGS = {
    "{name} is missing or empty: set it in pelicanconf.py": (
        "{name} がないか空です。pelicanconf.py に書いてください"
    ),
    '{label} "{value}" is not a full web address: write it with https:// (or '
    'http://), e.g. "https://{value}"': (
        "{label}「{value}」は完全なウェブアドレスではありません。https://"
        "（または http://）から書きます。例:「https://{value}」"
    ),
    '{label} "{value}" is not a full web address: write it with https:// (or '
    "http://)": (
        "{label}「{value}」は完全なウェブアドレスではありません。https://"
        "（または http://）から書きます"
    ),
    '{label} "{value}" {problem}': "{label}「{value}」: {problem}",
    "must be the site's address alone, with no user name, ?query or #fragment, "
    'e.g. "https://example.com/blog"': (
        "サイトのアドレスだけを書きます（ユーザー名、?クエリ、#フラグメントは"
        "書きません）。例:「https://example.com/blog」"
    ),
    "is not a full web address: write it with https://": (
        "完全なウェブアドレスではありません。https:// から書きます"
    ),
    'TIMEZONE "{value}" is not a known time zone (e.g. "Asia/Tokyo"){suggestion}': (
        "TIMEZONE「{value}」は知られているタイムゾーンではありません"
        "（例:「Asia/Tokyo」）{suggestion}"
    ),
    "{name} should be a dict, e.g. {{{example}}}": (
        "{name} は辞書で書きます。例: {{{example}}}"
    ),
    '{name} has no key "{key}"{suggestion}': (
        "{name} に「{key}」という項目はありません{suggestion}"
    ),
    '{name}["{key}"] should be {expected}, not {value}': (
        '{name}["{key}"] は {value} ではなく、{expected}にします'
    ),
    'MESSAGES_LANG "{lang}" is not a language the messages are written in: use '
    "{languages}": (
        "MESSAGES_LANG「{lang}」の言語のメッセージはありません。{languages} の"
        "どちらかにしてください"
    ),
    "SITEURL is empty, but RELATIVE_URLS is off (a build for publishing): set "
    'SITEURL to the site\'s address, e.g. "https://example.com"': (
        "SITEURL が空ですが、RELATIVE_URLS がオフです（公開用のビルド）。SITEURL に"
        "サイトのアドレスを書いてください。例:「https://example.com」"
    ),
    'LANGUAGES: "{lang}" is not a known language': (
        "LANGUAGES:「{lang}」という言語はありません"
    ),
    'LANGUAGES should be a list of language codes, e.g. ("ja", "en")': (
        'LANGUAGES は言語コードのリストで書きます。例: ("ja", "en")'
    ),
    'DEFAULT_LANG "{lang}" is not one of the site\'s languages ({languages}): '
    "add it to LANGUAGES": (
        "DEFAULT_LANG「{lang}」がサイトの言語（{languages}）にありません。"
        "LANGUAGES に足してください"
    ),
    "SITE_PORTRAIT should be text": "SITE_PORTRAIT は文字列で書きます",
    'SITE_PORTRAIT "{portrait}": there is no such file in {folder} (put the photo '
    'in content/images/ and write "images/<name>.jpg", or leave it empty)': (
        "SITE_PORTRAIT「{portrait}」のファイルが {folder} にありません"
        "（写真を content/images/ に置いて「images/<名前>.jpg」と書くか、"
        "空にしてください）"
    ),
    'SITE_PORTRAIT "{portrait}" is not in a folder of STATIC_PATHS, so it would '
    "not be copied to the site": (
        "SITE_PORTRAIT「{portrait}」が STATIC_PATHS のフォルダにないため、"
        "サイトにコピーされません"
    ),
    'SOCIAL["default_image"]["path"]: {reason}': (
        'SOCIAL["default_image"]["path"] の画像: {reason}'
    ),
    "{value} leads out of the folder {folder}": (
        "{value} はフォルダ {folder} の外を指しています"
    ),
    "there is no file {path} in {folder}": (
        "{folder} に {path} というファイルはありません"
    ),
    "install it with: sudo apt-get install {package} (make html installs it when "
    "run as root)": (
        "sudo apt-get install {package} で入れてください（root で実行した "
        "make html は自分で入れます）"
    ),
    '{setting}["{key}"]: there is no font {path}; {install}': (
        '{setting}["{key}"]: フォント {path} がありません。{install}'
    ),
    '{setting}["{key}"]: {path} (face {index}) has no Japanese letters, so titles '
    "would be empty boxes; use Noto Sans CJK JP: {install}": (
        '{setting}["{key}"]: {path}（{index} 番目の書体）には日本語の文字がなく、'
        "タイトルが四角い箱になってしまいます。Noto Sans CJK JP を使ってください。"
        "{install}"
    ),
    '{setting}["{key}"]: {path} is not a font ({error})': (
        '{setting}["{key}"]: {path} はフォントではありません（{error}）'
    ),
    "--color-{name} is not set to a colour like #1f1d1a; the share cards take "
    "their colours from it": (
        "--color-{name} が #1f1d1a のような色になっていません。"
        "シェア画像の色はここから取ります"
    ),
    "it cannot be read ({error})": "読めません（{error}）",
    '{setting}["{key}"] is not a known setting (known: {known})': (
        '{setting}["{key}"] という設定はありません（あるのは {known}）'
    ),
    "{setting} must be a dict, not {kind}": (
        "{setting} は辞書で書きます（{kind} ではなく）"
    ),
    '{setting}["summary_suffix"] must be text, not {value}': (
        '{setting}["summary_suffix"] は文字列で書きます（{value} ではなく）'
    ),
    '{setting}["char_languages"] must be a list of language codes, not {value}': (
        '{setting}["char_languages"] は言語コードのリストで書きます（{value} ではなく）'
    ),
    '{setting}["slugs"] must be a dict of name: slug': (
        '{setting}["slugs"] は「名前: スラッグ」の辞書で書きます'
    ),
    '{setting}["slugs"]["{name}"] is {slug}: a slug is lower-case ASCII letters '
    "and digits joined by hyphens, at most {most} characters, such as "
    '"hirabayashi-takayuki"': (
        '{setting}["slugs"]["{name}"] が {slug} です。スラッグは半角の小文字と数字を'
        "ハイフンでつないだ {most} 文字までの文字列です。"
        "例:「hirabayashi-takayuki」"
    ),
    '{setting}["{key}"] must be a whole number above 0, not {value}': (
        '{setting}["{key}"] は 1 以上の整数にします（{value} ではなく）'
    ),
    '{setting}["headers"] has an invalid header name {name}': (
        '{setting}["headers"] のヘッダー名 {name} は使えません'
    ),
    '{setting}["headers"]["{name}"] should be one line of text (or None to leave '
    "the header out), not {value}": (
        '{setting}["headers"]["{name}"] は1行の文字列にします（ヘッダーを出さない'
        "なら None）。{value} ではありません"
    ),
    "{label} should be {mistake}{hint}": "{label} は{mistake}にします{hint}",
    "the host name alone, without {scheme}://": ("{scheme}:// をつけずにホスト名だけ"),
    "a host name, with no spaces": "スペースのないホスト名",
    "the host name alone, without a path": "パスをつけずにホスト名だけ",
    "the host name alone, without a port": "ポートをつけずにホスト名だけ",
    "written in lower case": "小文字",
    "a host name such as blog.example.com": "blog.example.com のようなホスト名",
    '{label} is not the host of SITEURL "{siteurl}" ({host}): links would lead to '
    "another host; give one of the two only": (
        "{label} が SITEURL「{siteurl}」のホスト（{host}）と違います。リンクが"
        "別のホストを指してしまうので、どちらか一方だけを書いてください"
    ),
    'no page has the slug {slug} (CONSULTATION["page_slug"]): posts show no call '
    "to book a session": (
        'スラッグ {slug} のページがありません（CONSULTATION["page_slug"]）。'
        "記事に相談の申し込みへの案内が出ません"
    ),
    "the CMS of /admin/ (decap-cms, pinned in package.json) is not installed: "
    "run `make node-modules` (or `npm ci`) in the project folder": (
        "/admin/ の編集画面（decap-cms。package.json で版を決めています）が"
        "入っていません。プロジェクトのフォルダで `make node-modules`"
        "（または `npm ci`）を実行してください"
    ),
}

IMAGES = {
    "image {src} leads out of the content folder": (
        "画像 {src} が content フォルダの外を指しています"
    ),
    "image {src}: {reason}": "画像 {src}: {reason}",
    "image: {reason}": "画像: {reason}",
    "it is damaged or cut short ({error})": (
        "ファイルが壊れているか、途中で切れています（{error}）"
    ),
    "it has more pixels than the {limit} an image may have: make it smaller": (
        "画素数が上限の {limit} を超えています。小さくしてください"
    ),
    "it is not an image file (PNG, JPEG, GIF, WebP), or it is damaged": (
        "画像ファイル（PNG、JPEG、GIF、WebP）ではないか、壊れています"
    ),
    "field Image_Alt: describe the image {value} in words (for readers who cannot "
    "see it)": (
        "Image_Alt: 画像 {value} の内容を言葉で書いてください（画像が見えない"
        "読者のためです）。例: Image_Alt: 窓辺で本を読む人"
    ),
    "field Image: {reason}": "Image: {reason}",
}

BUILD = {
    "The site was not built: {count} problems to fix, listed above. The output "
    "folder was left as it was.": (
        "サイトは作られませんでした。直すところが {count} か所あります（上の"
        "一覧）。output フォルダは前のままです。"
    ),
    "The site was not built: 1 problem to fix, listed above. The output folder "
    "was left as it was.": (
        "サイトは作られませんでした。直すところが 1 か所あります（上の一覧）。"
        "output フォルダは前のままです。"
    ),
    "Other problems": "そのほかの問題",
    "The site was not built: {count} to fix, file by file": (
        "サイトは作られませんでした。直すところ（{count} か所）をファイルごとに示します"
    ),
    "could not be read": "読めませんでした",
    "{path}: the line {name}: is written twice in the header; the first one is "
    "used: delete the other": (
        "{path}: 記事の情報に {name}: の行が二つあります。最初の行が使われます。"
        "もう一方の行を消してください"
    ),
    "{paths}: not published yet: the translation is still a draft (Status: draft) "
    "while its original is published. Nothing to do until it is translated; then "
    "write Status: published": (
        "{paths}: 翻訳はまだ下書き（Status: draft）なので、原文だけが公開されています。"
        "訳し終えるまで、することはありません（訳し終えたら Status: published に"
        "します）"
    ),
    "{paths}: published while its original is a draft: until the original is "
    "published, this translation is listed as a post of its own. Publish the "
    "original, or write Status: draft here too": (
        "{paths}: 原文が下書き（Status: draft）のまま、翻訳だけが公開されています。"
        "原文を公開するまで、この翻訳は単独の記事として一覧に出ます。原文を公開するか、"
        "こちらも Status: draft にしてください"
    ),
    "could not be read ({error})": "読めませんでした（{error}）",
    "{settings} could not be read: {error}": "{settings} が読めませんでした: {error}",
    "the build stopped after the problems above ({error})": (
        "上の問題のためにビルドが止まりました（{error}）"
    ),
    "Pagefind could not index the site (exit status {status}): {said}. Is the "
    "pinned pagefind[extended] of requirements.txt installed (make venv)?": (
        "サイト内検索の索引を Pagefind で作れませんでした（終了コード {status}）: "
        "{said}。requirements.txt で指定した pagefind[extended] が入っているか"
        "確かめてください（make venv）"
    ),
}

NEWPOST = {
    "Give the post's SLUG (its address), for example: {example}": (
        "SLUG（記事のアドレス）を指定してください。例: {example}"
    ),
    'SLUG "{slug}" cannot be used: write it with lowercase ASCII letters, digits '
    "and single hyphens between them, for example: {example}": (
        "SLUG「{slug}」は使えません。半角の小文字（a-z）・数字（0-9）・"
        "ハイフン（-）だけで書き、ハイフンで始めたり終えたりしないでください。"
        "例: {example}"
    ),
    'SLUG "{slug}" is a name the site uses for its own pages: choose another, for '
    "example: {example}": (
        "SLUG「{slug}」はサイトが自分のページに使う名前です。"
        "別の名前にしてください。例: {example}"
    ),
    'LANG "{lang}" is not known: leave it out (or LANG=ja) for a Japanese post, '
    "LANG=en for its English translation.": (
        "LANG「{lang}」は使えません。日本語の記事は LANG なし（または LANG=ja）、"
        "英語版は LANG=en です。"
    ),
    "The Japanese original {path} does not exist: create it first with make "
    "newpost SLUG={slug}": (
        "日本語の原文 {path} がありません。"
        "先に make newpost SLUG={slug} で日本語の記事を作ってください。"
    ),
    "{path} already exists and was left as it is: open it to go on writing, or "
    "choose another SLUG.": (
        "{path} はもうあります。上書きはしません。"
        "そのファイルを開いて続きを書くか、別の SLUG にしてください。"
    ),
    "Error: {message}": "エラー: {message}",
    "Created {path}. Preview: make serve": (
        "{path} を作りました。プレビュー: make serve"
    ),
}

TRANSLATED = {
    "Give the slug of the post: make translated SLUG=<slug>": (
        "記事のスラッグを指定してください。例: make translated SLUG=<スラッグ>"
    ),
    "No post or page with the slug '{slug}' in content/.": (
        "content/ にスラッグ「{slug}」の記事もページもありません。"
    ),
    "'{slug}' needs both {original} and {translation}.": (
        "「{slug}」には {original} と {translation} の両方が必要です。"
    ),
    "{path} is still the stub make newpost wrote ({parts}): translate it first, "
    "then run make translated SLUG={slug} again.": (
        "{path} は make newpost が書いた仮の文のままです（{parts}）。"
        "先に訳してから、もう一度 make translated SLUG={slug} を実行してください。"
    ),
    "{path} is not translated yet (it has no title and no text): translate it "
    "first, then run make translated SLUG={slug}.": (
        "{path} はまだ翻訳されていません（タイトルも本文もありません）。"
        "先に訳してから、make translated SLUG={slug} を実行してください。"
    ),
    "the title": "タイトル",
    "the text": "本文",
    "{path}: marked up to date": "{path}: 最新の翻訳として記録しました",
    "slug": "スラッグ",
    "status": "状況",
    "ok": "最新",
    "outdated": "古い",
    "unchecked": "未確認",
    "missing": "翻訳なし",
    "no original": "原文なし",
}

# What a setting's value must be (site_common.options.Rule): shown as written.
PHRASES = {
    "True or False": "True か False",
    "a list of metadata names": "記事の情報の名前のリスト",
    "a list of setting names": "設定の名前のリスト",
    "a page's slug": "ページのスラッグ",
    "a string of characters": "文字列",
    "a whole number of pixels, at least 1": "1 以上の整数（ピクセル数）",
    "a whole number from 1 to 95": "1 から 95 までの整数",
    "a whole number from 1 to 20": "1 から 20 までの整数",
    "a whole number from 0 to 12": "0 から 12 までの整数",
    "https://... or empty": "https://... か空",
    "an e-mail address (name@example.com) or empty": (
        "メールアドレス（name@example.com）か空"
    ),
    "an address on x.com, or empty": "x.com のアドレスか空",
    "an address on lin.ee or line.me": "lin.ee か line.me のアドレス",
    "an absolute address like https://example.org, or empty": (
        "https://example.org のような完全なアドレスか空"
    ),
    'a text for each language, like {"ja": "..."}': (
        '言語ごとの文字列（例: {"ja": "..."}）'
    ),
    'a locale for each language, like {"ja": "ja_JP"}': (
        '言語ごとのロケール（例: {"ja": "ja_JP"}）'
    ),
    'a file name such as "404.html"': "「404.html」のようなファイル名",
    'a host name such as "blog.example.com", or ""': (
        '「blog.example.com」のようなホスト名か「""」'
    ),
    "the path of a font file": "フォントファイルのパス",
    'a path such as "feeds/all.atom.xml", or ""': (
        '「feeds/all.atom.xml」のようなパスか「""」'
    ),
    'a path such as "sitemap.xml", or ""': '「sitemap.xml」のようなパスか「""」',
    "a dict of {header name: value, or None to leave it out}": (
        "{ヘッダー名: 値（出さないなら None）} の辞書"
    ),
    'a dict of {"path/": "directives"}, e.g. {"search/": "script-src \'self\' '
    "'wasm-unsafe-eval'\"}": (
        '{"パス/": "ディレクティブ"} の辞書。例: {"search/": "script-src \'self\' '
        "'wasm-unsafe-eval'\"}"
    ),
    "an X handle without the @ (letters, digits, _), or empty": (
        "@ をつけない X のハンドル（英字・数字・_）か空"
    ),
    "the address of a Facebook profile (https://...), or empty": (
        "Facebook のプロフィールのアドレス（https://...）か空"
    ),
    'a dict of names and absolute addresses (https://...), or "" for plain text': (
        '名前と完全なアドレス（https://...）の辞書、文字だけなら ""'
    ),
    'None or {"path": "images/....png" (or {"ja": ..., "en": ...}), "alt": '
    '{"ja": ..., "en": ...}}': (
        'None か {"path": "images/....png"（または {"ja": ..., "en": ...}）, '
        '"alt": {"ja": ..., "en": ...}}'
    ),
    "a list of category names, or None": "カテゴリ名のリストか None",
    "the number of the font's face in its .ttc file (0 is JP in Noto CJK)": (
        ".ttc ファイルの中の書体の番号（Noto CJK では 0 が日本語）"
    ),
    "a text for each language, with only {title}, {site} and {author}": (
        "言語ごとの文字列（使えるのは {title}、{site}、{author} だけ）"
    ),
    'a dict of {name: {language: name}}, e.g. {"人脈": {"en": "connections"}}': (
        '{名前: {言語: 名前}} の辞書。例: {"人脈": {"en": "connections"}}'
    ),
    'the repository as "owner/name", or ""': (
        'GitHub のリポジトリを「owner/name」の形で。なければ ""'
    ),
    'a branch name ("main")': 'ブランチの名前（"main" など）',
    'an https:// address, or "" for the CMS\'s default': (
        'https:// から始まるアドレス。CMS の既定を使うなら ""'
    ),
    'the address of decap-server ("http://localhost:8081/api/v1")': (
        'decap-server のアドレス（"http://localhost:8081/api/v1"）'
    ),
}

PREVIEW = {
    "Preview: {address} (Ctrl+C to stop)": (
        "プレビュー: {address}（止めるには Ctrl+C）"
    ),
    "✓ Preview rebuilt ({seconds} s)": "✓ プレビューを更新しました（{seconds} 秒）",
    "✗ The build failed: fix the file named above and save it (the previous "
    "preview stays on screen until then).": (
        "✗ ビルドできませんでした。上のメッセージのファイルを直して保存してください"
        "（それまでは前のプレビューを表示します）。"
    ),
    "Browser connected": "ブラウザーが接続しました",
    "Port {port} on {host} is already in use: stop the other preview, or choose "
    "another port (make serve PORT=8001).": (
        "{host}:{port} は使用中です。別のプレビューを止めるか、"
        "make serve PORT=8001 のように別の番号を選んでください。"
    ),
}

SECTIONS = (
    ({"en": "Files", "ja": "ファイル"}, FILES),
    (
        {"en": "The header (Title:, Date: ...)", "ja": "記事の情報（Title: や Date:）"},
        HEADER,
    ),
    ({"en": "Names of tags and categories", "ja": "タグとカテゴリの名前"}, NAMES),
    ({"en": "The text of a post", "ja": "本文"}, BODY),
    ({"en": "Links and addresses", "ja": "リンクとアドレス"}, LINKS),
    ({"en": "Images", "ja": "画像"}, IMAGES),
    ({"en": "Translations", "ja": "翻訳"}, TRANSLATIONS),
    (
        {"en": "Warnings (the site is built)", "ja": "注意（サイトは作られます）"},
        WARNINGS,
    ),
    ({"en": "Settings (pelicanconf.py)", "ja": "設定（pelicanconf.py）"}, SETTINGS),
    ({"en": "What a setting must be", "ja": "設定に書けるもの"}, PHRASES),
    ({"en": "The build", "ja": "ビルド"}, BUILD),
    ({"en": "make newpost", "ja": "make newpost（新しい記事）"}, NEWPOST),
    ({"en": "make serve (the preview)", "ja": "make serve（プレビュー）"}, PREVIEW),
    (
        {
            "en": "make translations, make translated",
            "ja": "make translations と make translated（翻訳の状況）",
        },
        TRANSLATED,
    ),
)

# Words that are only ever part of another message (a reason, a name, a
# suggestion): the guide's list of messages leaves them out.
FRAGMENTS = frozenset(
    {
        'save it again as UTF-8 (VS Code: "Save with Encoding" → "UTF-8"; '
        'Notepad: "Save As" → Encoding "UTF-8")',
        "{name} (U+{code})",
        "a NUL character",
        "a backspace",
        "a vertical tab",
        "a form feed",
        "an escape character",
        "a delete character",
        "a control character",
        "use YYYY-MM-DD HH:MM",
        "month/day",
        "day/month",
        ' (did you mean "{choice}"?)',
        "lower-case ASCII letters (a-z), digits and single hyphens between them",
        'add "{name}": "{slug}" to {setting}["slugs"] in {file}',
        "“{name}” ({path})",
        "categories",
        "tags",
        "authors",
        "leads out of the site's folder",
        "is the home page",
        'is in "{folder}", which the site writes itself',
        "English",
        "Japanese",
        "the body",
        "the Summary",
        "an <{tag}> element",
        'an event attribute "{name}="',
        'a "javascript:" address in {name}=',
        "must be the site's address alone, with no user name, ?query or #fragment, "
        'e.g. "https://example.com/blog"',
        "is not a full web address: write it with https://",
        "install it with: sudo apt-get install {package} (make html installs it when "
        "run as root)",
        "the host name alone, without {scheme}://",
        "a host name, with no spaces",
        "the host name alone, without a path",
        "the host name alone, without a port",
        "written in lower case",
        "a host name such as blog.example.com",
        "it is damaged or cut short ({error})",
        "it has more pixels than the {limit} an image may have: make it smaller",
        "it is not an image file (PNG, JPEG, GIF, WebP), or it is damaged",
        "{value} leads out of the folder {folder}",
        "there is no file {path} in {folder}",
        "the title",
        "the text",
        "slug",
        "status",
        "ok",
        "outdated",
        "unchecked",
        "missing",
        "no original",
        "Other problems",
        *PHRASES,
    }
)

CATALOG = {
    template: {"ja": japanese}
    for _heading, section in SECTIONS
    for template, japanese in section.items()
}
