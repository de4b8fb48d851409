/*
 * The site's own `Key: value` header, read and written by the CMS.
 *
 * Read exactly as plugins/site_common/header.py reads it (Python-Markdown's
 * meta extension, which Pelican uses): the header runs from the first line to
 * the first blank line; a line indented by four spaces continues the previous
 * value; an optional `---` line may open it and `---` or `...` close it;
 * anything else ends it and starts the body.
 *
 * Written back with no change but what was edited: the file as it was read
 * travels with the entry (SOURCE), each line of a field whose value is
 * unchanged is kept as written (its name's spelling, spaces, order, fields the
 * CMS does not know), a changed field is rewritten in place, a cleared one
 * removed, a new one added at the end of the header.
 */
(function () {
  "use strict";

  var META_RE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)/;
  var META_MORE_RE = /^[ ]{4,}(.*)/;
  var BEGIN_RE = /^-{3}(\s.*)?/;
  var END_RE = /^(-{3}|\.{3})(\s.*)?/;

  var SOURCE = "_source"; // the file as read; never written into it
  var BODY = "body";
  // The order and spelling of the fields a new file gets (as `make newpost`).
  var NAMES = {
    title: "Title",
    date: "Date",
    slug: "Slug",
    category: "Category",
    tags: "Tags",
    summary: "Summary",
    status: "Status",
    image: "Image",
    image_alt: "Image_Alt",
  };
  var LISTS = { tags: true };

  function isBlank(line) {
    return line.trim() === "";
  }

  // {start, fields: [{name, value, first, last}], end, bodyStart}: `end` is the
  // line that ended the header (blank, `---`, or the body's first line).
  function readHeader(lines) {
    var start = lines.length && BEGIN_RE.test(lines[0]) ? 1 : 0;
    var fields = [];
    for (var index = start; index < lines.length; index++) {
      var line = lines[index];
      if (isBlank(line) || END_RE.test(line)) {
        return { start: start, fields: fields, end: index, bodyStart: index + 1 };
      }
      var meta = META_RE.exec(line);
      var more = META_MORE_RE.exec(line);
      if (meta) {
        fields.push({ name: meta[1], value: meta[2].trim(), first: index, last: index });
      } else if (more && fields.length) {
        var field = fields[fields.length - 1];
        field.value += "\n" + more[1].trim();
        field.last = index;
      } else {
        return { start: start, fields: fields, end: index, bodyStart: index };
      }
    }
    return { start: start, fields: fields, end: lines.length, bodyStart: lines.length };
  }

  // Tags: Pelican splits on ";" when there is one, else on ",".
  function parseValue(key, value) {
    if (!LISTS[key]) return value;
    var separator = value.indexOf(";") >= 0 ? ";" : ",";
    return value
      .split(separator)
      .map(function (item) { return item.trim(); })
      .filter(Boolean);
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function asText(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(", ");
    if (value instanceof Date) {
      return value.getFullYear() + "-" + pad(value.getMonth() + 1) + "-" +
        pad(value.getDate()) + " " + pad(value.getHours()) + ":" + pad(value.getMinutes());
    }
    return String(value).trim();
  }

  function sourceLines(text) {
    return text.replace(/\r\n/g, "\n").split("\n");
  }

  function fromFile(content) {
    var lines = sourceLines(content);
    var header = readHeader(lines);
    var data = {};
    header.fields.forEach(function (field) {
      var key = field.name.toLowerCase();
      if (!(key in data)) data[key] = parseValue(key, field.value);
    });
    data[BODY] = lines.slice(header.bodyStart).join("\n");
    data[SOURCE] = content;
    return data;
  }

  // A field's lines: continuation lines for a value of several lines (a blank
  // one would end the header, so there is none).
  function fieldLines(name, value) {
    var parts = asText(value).split("\n").map(function (part) { return part.trim(); })
      .filter(Boolean);
    return [name + ": " + parts[0]].concat(
      parts.slice(1).map(function (part) { return "    " + part; })
    );
  }

  function nameOf(key) {
    return NAMES[key] || key.split("_").map(function (word) {
      return word.charAt(0).toUpperCase() + word.slice(1);
    }).join("_");
  }

  function toFile(data) {
    var source = typeof data[SOURCE] === "string" ? data[SOURCE] : "";
    var eol = source.indexOf("\r\n") >= 0 ? "\r\n" : "\n";
    var lines = source ? sourceLines(source) : [];
    var header = readHeader(lines);
    var out = lines.slice(0, header.start);
    var written = {};
    header.fields.forEach(function (field) {
      var key = field.name.toLowerCase();
      var kept = lines.slice(field.first, field.last + 1);
      if (written[key] || !(key in data) || key === BODY) {
        out = out.concat(kept); // a field the CMS does not edit, as written
        return;
      }
      written[key] = true;
      var value = asText(data[key]);
      if (value === asText(parseValue(key, field.value))) {
        out = out.concat(kept);
      } else if (value !== "") {
        out = out.concat(fieldLines(field.name, data[key]));
      } // else: the author cleared the field
    });
    var added = Object.keys(NAMES).concat(Object.keys(data).sort());
    added.forEach(function (key) {
      if (written[key] || key === BODY || key === SOURCE || key.charAt(0) === "_") return;
      written[key] = true;
      if (asText(data[key]) !== "") out = out.concat(fieldLines(nameOf(key), data[key]));
    });

    var body = typeof data[BODY] === "string" ? data[BODY].replace(/\r\n/g, "\n") : "";
    var oldBody = lines.slice(header.bodyStart).join("\n");
    if (/\n$/.test(oldBody) && !/\n$/.test(body)) body += "\n";
    if (!source && !/\n$/.test(body)) body += "\n";
    if (header.end < lines.length && header.bodyStart > header.end) {
      out.push(lines[header.end]); // the blank (or `---`) line, as written
    } else if (header.end >= lines.length) {
      out.push(""); // a new file, or one with no body
    } // else the body started right after the header: it still does
    if (header.bodyStart < lines.length || body !== "" || !source) out.push(body);
    return out.join("\n").replace(/\n/g, eol);
  }

  var format = { fromFile: fromFile, toFile: toFile };
  window.CMS.registerCustomFormat("site-header", "md", format);
  window.siteHeaderFormat = format; // for the tests
})();
