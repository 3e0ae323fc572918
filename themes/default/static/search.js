// Vitrina's search: queries the prebuilt index (search/index.json). The index stems Russian words
// with Snowball, whose stems are prefixes of the word, so a query word matches the longest indexed
// stem it begins with. Without JavaScript the page still lists every page.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  var input = document.getElementById("q");
  if (!box || !input || !window.fetch) return;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) return;

  function words(text) {
    return text.toLowerCase().replace(/ё/g, "е").split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  function stemOf(word, terms) {
    if (/^\d+$/.test(word)) return terms[word] ? word : null;
    for (var n = word.length; n >= 2; n--) {
      var prefix = word.slice(0, n);
      if (terms[prefix]) return prefix;
    }
    return null;
  }
  function show(docs, found, base) {
    box.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = found.length ? "Найдено: " + found.length : "Ничего не найдено";
    box.appendChild(heading);
    var list = document.createElement("ol");
    found.slice(0, 50).forEach(function (i) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + docs[i][0];
      link.textContent = docs[i][1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + docs[i][2].toLowerCase()));
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  fetch(box.getAttribute("data-index"))
    .then(function (r) { return r.json(); })
    .then(function (index) {
      // Pages that have every known word of the query; words the site never uses ("на", typos)
      // are passed over rather than emptying the result.
      var found = null;
      words(query).forEach(function (w) {
        var stem = stemOf(w, index.terms);
        if (!stem) return;
        var docs = index.terms[stem];
        found = found === null ? docs.slice() : found.filter(function (d) { return docs.indexOf(d) >= 0; });
      });
      show(index.docs, found || [], box.getAttribute("data-base"));
    })
    .catch(function () { box.textContent = "Поиск сейчас недоступен: воспользуйтесь списком страниц ниже."; });
})();
