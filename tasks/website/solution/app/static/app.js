/* Bookshelf front end: plain JavaScript, no libraries. */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  async function api(method, path, body) {
    const opts = { method: method, headers: {} };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const resp = await fetch(path, opts);
    let data = null;
    if (resp.status !== 204) {
      try { data = await resp.json(); } catch (e) { data = null; }
    }
    return { status: resp.status, data: data };
  }

  function errorText(res) {
    if (res.data && typeof res.data.error === "string" && res.data.error) {
      return res.data.error;
    }
    return "Request failed (HTTP " + res.status + ")";
  }

  /* ---------------- home page ---------------- */
  async function initHome() {
    const res = await api("GET", "/api/books");
    if (res.status !== 200 || !Array.isArray(res.data)) return;
    $("total-count").textContent = String(res.data.length);
    $("read-count").textContent = String(res.data.filter(function (b) { return b.read; }).length);
  }

  /* ---------------- list page ---------------- */
  function initBooks() {
    const list = $("book-list");
    const count = $("book-count");
    const search = $("search");
    const form = $("book-form");
    const error = $("form-error");
    const fields = { title: $("title"), author: $("author"), year: $("year"), read: $("read") };

    function matches(li) {
      const q = search.value.toLowerCase();
      if (!q) return true;
      return li.dataset.title.toLowerCase().indexOf(q) !== -1 ||
             li.dataset.author.toLowerCase().indexOf(q) !== -1;
    }

    function applyFilter() {
      let shown = 0;
      list.querySelectorAll("li.book").forEach(function (li) {
        const ok = matches(li);
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = String(shown);
    }

    function renderBook(book) {
      const li = document.createElement("li");
      li.className = "book";
      li.dataset.id = String(book.id);
      li.dataset.title = book.title;
      li.dataset.author = book.author;

      const link = document.createElement("a");
      link.className = "book-link";
      link.href = "/books/" + book.id;
      link.textContent = book.title;

      const author = document.createElement("span");
      author.className = "book-author";
      author.textContent = book.author;

      const del = document.createElement("button");
      del.type = "button";
      del.className = "delete-button";
      del.textContent = "Delete";
      del.addEventListener("click", async function () {
        del.disabled = true;
        const res = await api("DELETE", "/api/books/" + book.id);
        if (res.status === 204 || res.status === 404) {
          li.remove();
          applyFilter();
        } else {
          del.disabled = false;
        }
      });

      li.append(link, " ", author, " ", del);
      return li;
    }

    async function load() {
      const res = await api("GET", "/api/books");
      if (res.status !== 200 || !Array.isArray(res.data)) {
        error.textContent = "Could not load the books.";
        return;
      }
      list.replaceChildren.apply(list, res.data.map(renderBook));
      applyFilter();
    }

    search.addEventListener("input", applyFilter);

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const title = fields.title.value.trim();
      const author = fields.author.value.trim();
      const yearText = fields.year.value.trim();
      let problem = "";
      if (!title) problem = "Please enter a title.";
      else if (!author) problem = "Please enter an author.";
      else if (!/^[0-9]+$/.test(yearText)) problem = "The year must be a whole number.";
      else if (Number(yearText) < 1000 || Number(yearText) > 2100) {
        problem = "The year must be between 1000 and 2100.";
      }
      if (problem) {
        error.textContent = problem;
        return;
      }
      const payload = { title: title, author: author, year: Number(yearText), read: fields.read.checked };
      let res;
      try {
        res = await api("POST", "/api/books", payload);
      } catch (e) {
        error.textContent = "Could not reach the server.";
        return;
      }
      if (res.status !== 201 || !res.data) {
        error.textContent = errorText(res);
        return;
      }
      list.appendChild(renderBook(res.data));
      fields.title.value = "";
      fields.author.value = "";
      fields.year.value = "";
      fields.read.checked = false;
      error.textContent = "";
      applyFilter();
    });

    load();
  }

  /* ---------------- detail page ---------------- */
  async function initDetail() {
    const m = window.location.pathname.match(/^\/books\/([0-9]+)\/?$/);
    const error = $("detail-error");
    const toggle = $("toggle-read");
    if (!m) {
      error.textContent = "No such book.";
      toggle.disabled = true;
      return;
    }
    const id = m[1];
    let current = null;

    function show(book) {
      current = book;
      $("book-title").textContent = book.title;
      $("book-author").textContent = book.author;
      $("book-year").textContent = String(book.year);
      $("book-read").textContent = book.read ? "yes" : "no";
      document.title = book.title + " - Bookshelf";
    }

    const res = await api("GET", "/api/books/" + id);
    if (res.status === 404) {
      error.textContent = "There is no book with id " + id + ".";
      toggle.disabled = true;
      return;
    }
    if (res.status !== 200 || !res.data) {
      error.textContent = errorText(res);
      return;
    }
    error.textContent = "";
    show(res.data);

    toggle.addEventListener("click", async function () {
      if (!current) return;
      toggle.disabled = true;
      const upd = await api("PUT", "/api/books/" + id, { read: !current.read });
      toggle.disabled = false;
      if (upd.status === 200 && upd.data) {
        show(upd.data);
      } else {
        error.textContent = errorText(upd);
      }
    });
  }

  function start() {
    const page = document.body.dataset.page;
    if (page === "home") initHome();
    else if (page === "books") initBooks();
    else if (page === "book") initDetail();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
