/*
 * KCS knowledge base help-site search widget. Licensed under the Apache License, Version 2.0.
 *
 * Embed it with one script tag and a target element:
 *
 *   <div id="kb-help"></div>
 *   <script src="https://help.example.com/kb-widget.js" data-kb-target="#kb-help" defer></script>
 *
 * Optional attributes on the script tag: data-kb-lang="de" (default: the target's data-lang, then the page's
 * <html lang>, then the browser's), data-kb-language-switch (shows a language switch), data-kb-languages="de,en,fr"
 * (the switch's languages; de,en by default), data-kb-api="https://..." (default: the help site the script came
 * from), data-kb-messages="https://.../messages/" (where the <lang>.json message bundles are; default: next to the
 * script). The stylesheet kb-widget.css is loaded from next to the script. For pages that render later, call
 * KbWidget.mount(element, {lang: "en", languages: ["de", "en"]}).
 *
 * Links: every article has its own URL (#/article/<id>), and the search's state is in the URL too
 * (#/search?q=...&product=...&page=...), so that a link can be shared or bookmarked and the browser's Back button
 * returns from an article to the results where the reader left them. data-kb-routing="none" turns this off (for
 * a page that uses its hash itself); only the first widget on a page routes.
 *
 * Every text the widget shows comes from a message bundle, messages/<lang>.json (a JSON object of text keys;
 * placeholders like {n} and {q} are filled in): a language is added with a file, on the server that serves the
 * widget, not with code. A language without a bundle shows the English texts. The widget sends the language to
 * the search as "lang" when the search analyses it, so that articles in that language rank first.
 *
 * Every text from the server is put into the page as text; only snippets and suggestions are HTML, and only
 * escaped text with <mark> is accepted for those.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var scriptBase = script && script.src ? new URL('.', script.src).href : new URL('.', document.baseURI).href;

  // The help site's root: the script sits at <root>/kb-widget.js or, pinned, at <root>/webjars/kb-web/<v>/kb-widget.js.
  var siteRoot = scriptBase.replace(/webjars\/kb-web\/[^\/]+\/$/, '');
  var bundles = {};

  /** The message bundle of lang (a promise), falling back to English when the help site has none for lang. */
  function loadBundle(base, lang) {
    var key = base + '|' + lang;
    if (!bundles[key]) {
      bundles[key] = fetch(new URL(lang + '.json', base).href).then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      }).catch(function (error) {
        if (lang === 'en') { delete bundles[key]; throw error; }
        return loadBundle(base, 'en');
      });
    }
    return bundles[key];
  }

  var DEBOUNCE_MS = 200;
  var MIN_CHARS = 2;
  var MAX_QUERY = 500;
  var instances = 0;
  var routed = false;
  var slashBound = false;

  /** The language's primary subtag, lower case: "de-CH" is "de". */
  function pickLanguage(value) {
    var lang = String(value || document.documentElement.lang || navigator.language || 'en').toLowerCase();
    var primary = lang.split(/[-_]/)[0];
    return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (name === 'text') {
        node.textContent = value;
      } else if (name === 'className') {
        node.className = value;
      } else if (value === true) {
        node.setAttribute(name, '');
      } else if (value !== false && value != null) {
        node.setAttribute(name, value);
      }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  /** Puts server HTML into node only if it is escaped text with <mark> tags; otherwise shows it as plain text. */
  function setMarked(node, html) {
    var text = String(html);
    if (/[<>]/.test(text.replace(/<\/?mark>/g, ''))) {
      node.textContent = text.replace(/<\/?mark>/g, '');
    } else {
      node.innerHTML = text;
    }
  }

  function ensureStylesheet() {
    var href = new URL('kb-widget.css', scriptBase).href;
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === href) { return; }
    }
    document.head.appendChild(el('link', { rel: 'stylesheet', href: href }));
  }

  function mount(target, options) {
    options = options || {};
    if (typeof target === 'string') { target = document.querySelector(target); }
    if (!target) { throw new Error('KbWidget: the target element was not found; give a CSS selector or an element'); }
    ensureStylesheet();
    var api = new URL('api/', options.api ? new URL(options.api, document.baseURI).href.replace(/\/?$/, '/') : siteRoot).href;
    var messagesBase = options.messages
      ? new URL(options.messages, document.baseURI).href.replace(/\/?$/, '/')
      : new URL('messages/', scriptBase).href;
    var languages = (options.languages && options.languages.length ? options.languages : ['de', 'en']).map(pickLanguage);
    var id = 'kbw' + (++instances);
    var routing = options.routing !== 'none' && !routed;
    if (routing) { routed = true; }
    var state = {
      lang: pickLanguage(options.lang || target.getAttribute('data-lang')),
      messages: {},
      query: '',
      page: 1,
      searchId: null,
      hits: [],
      suggestions: [],
      active: -1,
      timer: null,
      searchAbort: null,
      suggestAbort: null,
      article: null,
      openedFrom: null,
      product: '',
      startNotices: [],
      noticesSeen: {}
    };

    // ---- DOM ------------------------------------------------------------------------------------------------
    var label = el('label', { 'for': id + '-input', className: 'kbw-label' });
    var input = el('input', {
      id: id + '-input', type: 'search', className: 'kbw-input', role: 'combobox', autocomplete: 'off',
      spellcheck: 'false', maxlength: String(MAX_QUERY), 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': id + '-suggestions'
    });
    var listbox = el('ul', { id: id + '-suggestions', role: 'listbox', className: 'kbw-suggestions', hidden: true });
    var langButtons = el('div', { className: 'kbw-langs', role: 'group' });
    languages.forEach(function (code) {
      var button = el('button', { type: 'button', className: 'kbw-lang', 'data-lang': code, text: code.toUpperCase() });
      button.addEventListener('click', function () { setLanguage(code); });
      langButtons.appendChild(button);
    });
    if (!options.languageSwitch) { langButtons.hidden = true; }
    // Screen readers announce the result count from here (a polite live region, read whole on each change).
    var status = el('p', { className: 'kbw-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    var dymText = el('span');
    var dymButton = el('button', { type: 'button', className: 'kbw-link kbw-dym-button' });
    var dym = el('p', { className: 'kbw-dym', hidden: true }, [dymText, document.createTextNode(' '), dymButton,
      document.createTextNode('?')]);
    var facets = el('div', { className: 'kbw-facets', role: 'group', hidden: true });
    var results = el('ol', { className: 'kbw-results', id: id + '-results' });
    var more = el('button', { type: 'button', className: 'kbw-more', hidden: true });
    var handoffQuestion = el('span');
    var handoffOpen = el('button', { type: 'button', className: 'kbw-link kbw-handoff-open' });
    var handoffLabel = el('label', { 'for': id + '-handoff-text' });
    var handoffText = el('textarea', { id: id + '-handoff-text', rows: '3', maxlength: '2000' });
    var handoffSend = el('button', { type: 'button', className: 'kbw-button kbw-handoff-send' });
    var handoffForm = el('div', { className: 'kbw-handoff-form', hidden: true }, [handoffLabel, handoffText, handoffSend]);
    var handoffDone = el('p', { className: 'kbw-handoff-done', role: 'status' });
    var handoff = el('div', { className: 'kbw-handoff', hidden: true }, [
      el('p', {}, [handoffQuestion, document.createTextNode(' '), handoffOpen]), handoffForm, handoffDone]);
    var backButton = el('button', { type: 'button', className: 'kbw-link kbw-back' });
    var articleTitle = el('h2', { className: 'kbw-article-title', id: id + '-article-title', tabindex: '-1' });
    var articleBody = el('div', { className: 'kbw-article-body' });
    var voteQuestion = el('span', { className: 'kbw-vote-question', id: id + '-vote-question' });
    var yes = el('button', { type: 'button', className: 'kbw-button kbw-vote-yes', 'data-helpful': 'true' });
    var no = el('button', { type: 'button', className: 'kbw-button kbw-vote-no', 'data-helpful': 'false' });
    var commentLabel = el('label', { 'for': id + '-comment' });
    var comment = el('textarea', { id: id + '-comment', rows: '3', maxlength: '2000' });
    var commentSend = el('button', { type: 'button', className: 'kbw-button kbw-comment-send' });
    var commentForm = el('div', { className: 'kbw-comment', hidden: true }, [commentLabel, comment, commentSend]);
    var voteDone = el('p', { className: 'kbw-vote-done', role: 'status', tabindex: '-1' });
    var vote = el('div', { className: 'kbw-vote', role: 'group', 'aria-labelledby': id + '-vote-question' },
      [voteQuestion, yes, no, commentForm, voteDone]);
    var relatedTitle = el('h3', { className: 'kbw-related-title', id: id + '-related-title' });
    var relatedList = el('ul', { className: 'kbw-related-list' });
    var related = el('nav', { className: 'kbw-related', hidden: true, 'aria-labelledby': id + '-related-title' },
      [relatedTitle, relatedList]);
    var article = el('article', { className: 'kbw-article', hidden: true, 'aria-labelledby': id + '-article-title' },
      [backButton, articleTitle, articleBody, vote, related]);
    var notices = el('div', { className: 'kbw-notices' });
    var searchView = el('div', { className: 'kbw-search-view' }, [notices, status, dym, facets, results, more, handoff]);
    var root = el('section', { className: 'kbw' }, [
      el('div', { className: 'kbw-bar' }, [label, langButtons]),
      el('div', { className: 'kbw-combo' }, [input, listbox]),
      searchView,
      article
    ]);
    target.textContent = '';
    target.appendChild(root);

    function t(key) {
      var text = state.messages[key];
      return typeof text === 'string' ? text : key;
    }

    /** A text with its placeholders ({n}, {q}, {ref}, ...) filled in. */
    function fmt(key, values) {
      return t(key).replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    }

    /** The lang parameter for the search: the widget's language when the search analyses it, else detect. */
    function searchLang() {
      var known = state.messages.$searchLanguages || [];
      return known.indexOf(state.lang) >= 0 ? state.lang : null;
    }

    function localize() {
      root.setAttribute('lang', state.lang);
      root.setAttribute('aria-label', t('region'));
      label.textContent = t('label');
      input.placeholder = t('placeholder');
      listbox.setAttribute('aria-label', t('suggestions'));
      results.setAttribute('aria-label', t('results'));
      facets.setAttribute('aria-label', t('products'));
      langButtons.setAttribute('aria-label', t('language'));
      Array.prototype.forEach.call(langButtons.children, function (b) {
        b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === state.lang));
      });
      dymText.textContent = t('didYouMean');
      more.textContent = t('more');
      handoffQuestion.textContent = t('handoffQuestion');
      handoffOpen.textContent = t('handoffOpen');
      handoffLabel.textContent = t('handoffLabel');
      handoffSend.textContent = t('handoffSend');
      backButton.textContent = '← ' + t('back');
      voteQuestion.textContent = t('wasHelpful');
      yes.textContent = t('yes');
      no.textContent = t('no');
      commentLabel.textContent = t('commentLabel');
      commentSend.textContent = t('send');
      relatedTitle.textContent = t('related');
    }

    /** Loads the bundle of the widget's language, then shows its texts. */
    function loadMessages() {
      var lang = state.lang;
      return loadBundle(messagesBase, lang).then(function (messages) {
        if (state.lang !== lang) { return; }
        state.messages = messages;
        localize();
      });
    }

    function setLanguage(code) {
      state.lang = pickLanguage(code);
      loadMessages().then(afterLanguage, showError);
    }

    /** The switch re-runs what is on screen in the new language: the article's translation, or the search. */
    function afterLanguage() {
      loadStartNotices();
      var translation = state.article && state.article.translations && state.article.translations[state.lang];
      if (translation) {
        // The language switch on an article opens its translation in that language.
        openArticle(translation, {}, state.openedFrom);
      } else if (state.article) { renderArticle(state.article); } else if (state.query) { search(state.query, 1); }
    }

    // ---- Requests -------------------------------------------------------------------------------------------
    function request(path, params, init, abortKey) {
      var url = new URL(path, api);
      Object.keys(params || {}).forEach(function (k) {
        if (params[k] !== null && params[k] !== undefined && params[k] !== '') { url.searchParams.set(k, params[k]); }
      });
      init = init || {};
      if (abortKey) {
        if (state[abortKey]) { state[abortKey].abort(); }
        state[abortKey] = new AbortController();
        init.signal = state[abortKey].signal;
      }
      return fetch(url.href, init).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            var error = new Error(response.status === 429 ? t('tooMany') : (body.message || ('HTTP ' + response.status)));
            error.status = response.status;
            throw error;
          }
          return body;
        });
      });
    }

    function post(path, body) {
      return request(path, null, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      });
    }

    function showError(error) {
      if (error && error.name === 'AbortError') { return; }
      status.textContent = t('failed') + error.message;
    }

    // ---- Suggestions ----------------------------------------------------------------------------------------
    function suggest(text) {
      request('suggest', { q: text, limit: 6 }, null, 'suggestAbort').then(function (body) {
        if (input.value !== text || state.article) { return; }
        state.suggestions = body.suggestions || [];
        renderSuggestions();
        listbox.setAttribute('data-query', text);
      }).catch(function (error) {
        if (error.name !== 'AbortError') {
          // Suggestions are a help, not a must: without them the search still works.
          closeSuggestions();
          listbox.setAttribute('data-query', text);
        }
      });
    }

    function renderSuggestions() {
      listbox.textContent = '';
      state.active = -1;
      input.removeAttribute('aria-activedescendant');
      state.suggestions.forEach(function (s, i) {
        var text = el('span', { className: 'kbw-suggestion-text' });
        setMarked(text, s.highlighted);
        var option = el('li', {
          id: id + '-option-' + i, role: 'option', className: 'kbw-suggestion', 'aria-selected': 'false',
          'data-kind': s.kind
        }, [text, el('span', { className: 'kbw-kind', text: s.kind === 'TITLE' ? t('titleKind') : t('queryKind') })]);
        option.addEventListener('mousedown', function (e) { e.preventDefault(); });
        option.addEventListener('click', function () { pickSuggestion(i); });
        listbox.appendChild(option);
      });
      var open = state.suggestions.length > 0;
      listbox.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
    }

    /** Closes the suggestions and drops a pending request for them, so that they do not pop up again. */
    function closeSuggestions() {
      if (state.suggestAbort) { state.suggestAbort.abort(); }
      listbox.hidden = true;
      state.active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function moveActive(step) {
      var n = state.suggestions.length;
      if (!n || listbox.hidden) { return false; }
      state.active = state.active + step;
      if (state.active >= n) { state.active = 0; }
      if (state.active < -1) { state.active = n - 1; }
      Array.prototype.forEach.call(listbox.children, function (option, i) {
        option.setAttribute('aria-selected', String(i === state.active));
      });
      if (state.active >= 0) {
        input.setAttribute('aria-activedescendant', id + '-option-' + state.active);
      } else {
        input.removeAttribute('aria-activedescendant');
      }
      return true;
    }

    function pickSuggestion(i) {
      var s = state.suggestions[i];
      closeSuggestions();
      if (s.kind === 'TITLE' && s.articleId) {
        openArticle(s.articleId, { suggested: input.value, position: i + 1 }, null);
      } else {
        input.value = s.text;
        search(s.text, 1);
      }
    }

    // ---- Search ---------------------------------------------------------------------------------------------
    function schedule() {
      clearTimeout(state.timer);
      var text = input.value;
      state.timer = setTimeout(function () {
        if (text.trim().length < MIN_CHARS) {
          closeSuggestions();
          clearResults();
          return;
        }
        suggest(text);
        search(text, 1, true);
      }, DEBOUNCE_MS);
    }

    function clearResults() {
      state.query = '';
      state.hits = [];
      results.textContent = '';
      results.removeAttribute('data-query');
      status.textContent = '';
      dym.hidden = true;
      facets.hidden = true;
      more.hidden = true;
      handoff.hidden = true;
      renderNotices(state.startNotices);
    }

    /**
     * Searches; typing=true for the searches fired while the reader is still typing, which the knowledge base
     * does not record for its analytics (so that "dru", "druc" do not become content gaps).
     */
    function search(text, page, typing) {
      clearTimeout(state.timer);
      text = text.trim();
      if (!text) { clearResults(); return; }
      showSearch();
      status.textContent = t('searching');
      return request('search', { q: text, page: page, product: state.product, lang: searchLang(), typing: typing ? 1 : null }, null, 'searchAbort').then(function (body) {
        state.typing = !!typing;
        state.query = text;
        state.page = page;
        state.searchId = body.searchId;
        if (page === 1) { results.textContent = ''; state.hits = []; }
        results.setAttribute('data-query', text);
        if (page === 1) { renderNotices(body.notices || []); }
        body.hits.forEach(function (hit) { state.hits.push(hit); results.appendChild(renderHit(hit)); });
        status.textContent = body.total > 0 ? fmt(body.total === 1 ? 'count.one' : 'count.other', { n: body.total }) : fmt('none', { q: text });
        // Results of a relaxed query say so, and do not offer the same query again as "did you mean".
        if (body.relaxedTo) { status.textContent = fmt('showingFor', { q: body.relaxedTo }) + ' ' + status.textContent; }
        dym.hidden = !body.didYouMean || body.didYouMean === body.relaxedTo;
        dymButton.textContent = body.didYouMean || '';
        more.hidden = !body.hasMore;
        renderFacets((body.facets || {}).product || []);
        handoff.hidden = false;
        handoffForm.hidden = body.total > 0;
        handoffDone.textContent = '';
        if (body.total === 0) { handoffOpen.hidden = true; } else { handoffOpen.hidden = false; }
        routeTo(searchRoute(), false);
      }).catch(showError);
    }

    /**
     * Known-issue notices as banners above the results: plain text only (textContent), a link to the article when
     * the server names a public one, and "this answered my question". Each banner counts one impression per page
     * load.
     */
    function renderNotices(list) {
      notices.textContent = '';
      list.forEach(function (n) {
        var title = el('strong', { className: 'kbw-notice-title', text: n.title });
        var children = [el('span', { className: 'kbw-notice-label', text: t('notice') }), title];
        if (n.text) { children.push(el('p', { className: 'kbw-notice-text', text: n.text })); }
        var actions = el('p', { className: 'kbw-notice-actions' });
        if (n.articleId) {
          var link = el('a', { href: '#', className: 'kbw-link kbw-notice-article', 'data-id': n.articleId, text: t('noticeArticle') });
          link.addEventListener('click', function (e) {
            e.preventDefault();
            openArticle(n.articleId, {}, link);
          });
          actions.appendChild(link);
          actions.appendChild(document.createTextNode(' '));
        }
        var answered = el('button', { type: 'button', className: 'kbw-link kbw-notice-answered', text: t('noticeAnswered') });
        answered.addEventListener('click', function () {
          answered.disabled = true;
          post('notices/' + encodeURIComponent(n.id) + '/answered', {}).then(function () {
            actions.replaceChild(el('span', { className: 'kbw-notice-thanks', role: 'status', text: t('noticeThanks') }), answered);
          }).catch(function (error) { answered.disabled = false; showError(error); });
        });
        actions.appendChild(answered);
        children.push(actions);
        notices.appendChild(el('div', { className: 'kbw-notice', role: 'note', 'data-notice': n.id, lang: n.language }, children));
        if (!state.noticesSeen[n.id]) {
          state.noticesSeen[n.id] = true;
          post('notices/' + encodeURIComponent(n.id) + '/impression', {}).catch(function () {});
        }
      });
    }

    /** The start page's notices (marked "show to all"), shown while nothing is searched. */
    function loadStartNotices() {
      request('notices', { lang: searchLang() }).then(function (body) {
        state.startNotices = body.notices || [];
        if (!state.query) { renderNotices(state.startNotices); }
      }).catch(function () {});
    }

    /** Product filters from the result's facet counts; the chosen one can be cleared with "all products". */
    function renderFacets(products) {
      facets.textContent = '';
      if (!products.length && !state.product) { facets.hidden = true; return; }
      var choices = [{ value: '', label: t('allProducts') }].concat(products.map(function (p) {
        return { value: p.value, label: p.value + ' (' + p.count + ')' };
      }));
      choices.forEach(function (choice) {
        var button = el('button', {
          type: 'button', className: 'kbw-facet', 'data-product': choice.value, text: choice.label,
          'aria-pressed': String(choice.value === state.product)
        });
        button.addEventListener('click', function () {
          state.product = choice.value;
          search(state.query, 1);
        });
        facets.appendChild(button);
      });
      facets.hidden = false;
    }

    function renderHit(hit) {
      var link = el('a', { href: '#', className: 'kbw-hit-title', 'data-id': hit.id, text: hit.title });
      var snippet = el('p', { className: 'kbw-snippet' });
      setMarked(snippet, hit.snippet);
      link.addEventListener('click', function (e) {
        e.preventDefault();
        if (!state.typing) {
          openArticle(hit.id, { searchId: state.searchId, position: hit.position }, link);
          return;
        }
        // The reader settled on this query: record the search (answered from the server's cache), then the click.
        request('search', { q: state.query, page: 1, product: state.product, lang: searchLang() }).then(function (body) {
          state.typing = false;
          state.searchId = body.searchId;
          openArticle(hit.id, { searchId: body.searchId, position: hit.position }, link);
        }).catch(showError);
      });
      var parts = [link];
      if (hit.language && pickLanguage(hit.language) !== state.lang) {
        // Found in another language than the reader's: say so next to the title.
        parts.push(el('span', { className: 'kbw-hit-lang', 'data-lang': hit.language, text: fmt('inLanguage', { language: languageName(pickLanguage(hit.language)) }) }));
      }
      parts.push(snippet);
      var switcher = translationSwitch(hit.translations, link);
      if (switcher) { parts.push(switcher); }
      return el('li', { className: 'kbw-hit', lang: hit.language }, parts);
    }

    function languageName(tag) {
      var name = t('language.' + tag);
      return name === 'language.' + tag ? tag.toUpperCase() : name;
    }

    // "Also in: English": one button per translation (language tag -> article id), each opening that article.
    function translationSwitch(translations, from) {
      var tags = Object.keys(translations || {}).sort();
      if (tags.length === 0) { return null; }
      var children = [el('span', { text: t('alsoIn') + ': ' })];
      tags.forEach(function (tag) {
        var button = el('button', {
          type: 'button', className: 'kbw-link kbw-translation', lang: tag,
          'data-lang': tag, 'data-id': translations[tag], text: languageName(tag)
        });
        button.addEventListener('click', function () { openArticle(translations[tag], {}, from || button); });
        children.push(button);
        children.push(document.createTextNode(' '));
      });
      return el('p', { className: 'kbw-translations', lang: state.lang }, children);
    }

    // ---- Article --------------------------------------------------------------------------------------------
    function openArticle(articleId, params, from, fromHistory) {
      closeSuggestions();
      return request('articles/' + encodeURIComponent(articleId), params).then(function (body) {
        if (!fromHistory && article.hidden) {
          // Remember where the reader was in the results, for Back.
          rememberScroll();
        }
        state.openedFrom = from;
        state.article = body;
        renderArticle(body);
        searchView.hidden = true;
        article.hidden = false;
        articleTitle.focus();
        // A merged article's old link leads here: the address becomes the survivor's.
        routeTo('#/article/' + encodeURIComponent(body.id), !fromHistory && !body.mergedFrom ? true : false);
      }).catch(showError);
    }

    // ---- Links (hash routes) --------------------------------------------------------------------------------
    function searchRoute() {
      if (!state.query) { return '#/'; }
      var params = new URLSearchParams();
      params.set('q', state.query);
      if (state.product) { params.set('product', state.product); }
      if (state.page > 1) { params.set('page', String(state.page)); }
      return '#/search?' + params.toString();
    }

    /** Puts route into the address: a new history entry (push) for an article, the same one for a search. */
    function routeTo(route, push) {
      if (!routing || location.hash === route) { return; }
      var url = location.pathname + location.search + route;
      if (push) {
        history.pushState({ kbw: true, pushed: true }, '', url);
      } else {
        history.replaceState(Object.assign({}, history.state || {}, { kbw: true, pushed: false }), '', url);
      }
    }

    function rememberScroll() {
      if (!routing) { return; }
      history.replaceState(Object.assign({}, history.state || {}, { kbw: true, scroll: window.scrollY }), '');
    }

    /** Shows what the address names: an article, or a search (with its filters and pages). */
    function follow(fromHistory) {
      var hash = location.hash || '';
      var articleMatch = /^#\/article\/([^\/?#]+)$/.exec(hash);
      if (articleMatch) {
        openArticle(decodeURIComponent(articleMatch[1]), {}, null, true);
        return;
      }
      var searchMatch = /^#\/search\?(.*)$/.exec(hash);
      var params = new URLSearchParams(searchMatch ? searchMatch[1] : '');
      var q = (params.get('q') || '').slice(0, MAX_QUERY);
      var product = params.get('product') || '';
      var page = Math.max(1, Math.min(50, parseInt(params.get('page') || '1', 10) || 1));
      var scroll = history.state && typeof history.state.scroll === 'number' ? history.state.scroll : null;
      if (!article.hidden || !searchMatch) {
        showSearch();
      }
      if (q && (q !== state.query || product !== state.product || !state.hits.length)) {
        input.value = q;
        state.product = product;
        loadPages(q, 1, page).then(function () { restoreScroll(scroll); });
      } else if (!q && fromHistory) {
        input.value = '';
        clearResults();
      } else {
        if (state.openedFrom && document.body.contains(state.openedFrom)) { state.openedFrom.focus({ preventScroll: true }); }
        restoreScroll(scroll);
      }
    }

    function loadPages(q, page, last) {
      return Promise.resolve(search(q, page)).then(function () {
        if (page < last && state.page === page && !more.hidden) { return loadPages(q, page + 1, last); }
      });
    }

    function restoreScroll(scroll) {
      if (scroll !== null) { window.scrollTo(0, scroll); }
    }

    function renderArticle(a) {
      articleTitle.textContent = a.title;
      articleTitle.setAttribute('lang', a.language);
      articleBody.textContent = '';
      articleBody.setAttribute('lang', a.language);
      var switcher = translationSwitch(a.translations, state.openedFrom);
      if (switcher) {
        switcher.setAttribute('lang', state.lang);
        articleBody.appendChild(switcher);
      }
      var env = Object.keys(a.environment || {}).map(function (k) { return a.environment[k]; });
      if (a.environmentText) { env.push(a.environmentText); }
      var html = a.html || {};
      [['issue', a.issue, html.issue], ['environment', env.join(' · '), html.environment],
        ['resolution', a.resolution, html.resolution], ['cause', a.cause, html.cause]]
        .forEach(function (part) {
          if (!part[1] && !part[2]) { return; }
          articleBody.appendChild(el('h3', { text: t(part[0]) }));
          if (part[2]) {
            // Rendered and sanitised on the server (Markdown or plain text): no raw HTML of the article passes.
            var section = el('div', { className: 'kbw-part kbw-' + part[0] });
            section.innerHTML = part[2];
            articleBody.appendChild(section);
            return;
          }
          String(part[1]).split(/\n\s*\n/).forEach(function (paragraph) {
            articleBody.appendChild(el('p', { text: paragraph, className: 'kbw-' + part[0] + ' kbw-plain' }));
          });
        });
      relatedList.textContent = '';
      (a.related || []).forEach(function (r) {
        var link = el('a', { href: routing ? '#/article/' + encodeURIComponent(r.id) : '#', className: 'kbw-link kbw-related-link', 'data-id': r.id, lang: r.language, text: r.title });
        link.addEventListener('click', function (e) {
          e.preventDefault();
          openArticle(r.id, {}, state.openedFrom);
        });
        relatedList.appendChild(el('li', {}, [link]));
      });
      related.hidden = !(a.related && a.related.length);
      yes.disabled = false;
      no.disabled = false;
      commentForm.hidden = true;
      comment.value = '';
      voteDone.textContent = '';
    }

    function sendVote(helpful, text) {
      yes.disabled = true;
      no.disabled = true;
      post('articles/' + encodeURIComponent(state.article.id) + '/feedback', { helpful: helpful, comment: text || '' })
        .then(function () {
          commentForm.hidden = true;
          voteDone.textContent = t('thanks');
          // The pressed button is disabled now and would drop the focus to the page: keep it in the article.
          voteDone.focus();
        })
        .catch(function (error) {
          yes.disabled = false;
          no.disabled = false;
          voteDone.textContent = t('failed') + error.message;
        });
    }

    function showSearch() {
      if (article.hidden) { return; }
      article.hidden = true;
      searchView.hidden = false;
      state.article = null;
    }

    function backToResults() {
      if (routing && history.state && history.state.pushed && /^#\/article\//.test(location.hash)) {
        // The widget's own Back is the browser's: the results come back from the history, scrolled as they were.
        history.back();
        return;
      }
      showSearch();
      routeTo(searchRoute(), false);
      if (state.openedFrom && document.body.contains(state.openedFrom)) { state.openedFrom.focus(); } else { input.focus(); }
    }

    // ---- Hand-off -------------------------------------------------------------------------------------------
    function sendHandoff() {
      handoffSend.disabled = true;
      post('handoff', { q: state.query || input.value.trim(), lang: searchLang(), message: handoffText.value })
        .then(function (body) {
          handoffForm.hidden = true;
          handoffOpen.hidden = true;
          handoffDone.textContent = fmt('handoffDone', { ref: body.reference });
        })
        .catch(function (error) { handoffDone.textContent = t('failed') + error.message; })
        .then(function () { handoffSend.disabled = false; });
    }

    // ---- Events ---------------------------------------------------------------------------------------------
    input.addEventListener('input', schedule);
    input.addEventListener('blur', function () { setTimeout(closeSuggestions, 100); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (!moveActive(1)) {
          var first = results.querySelector('.kbw-hit-title');
          if (first) { first.focus(); }
        }
      } else if (e.key === 'ArrowUp') {
        if (moveActive(-1)) { e.preventDefault(); }
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (state.active >= 0 && !listbox.hidden) {
          pickSuggestion(state.active);
        } else {
          closeSuggestions();
          search(input.value, 1);
        }
      } else if (e.key === 'Escape') {
        if (!listbox.hidden) {
          e.preventDefault();
          closeSuggestions();
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
          clearResults();
        }
      }
    });
    results.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(results.querySelectorAll('.kbw-hit-title'));
      var i = links.indexOf(document.activeElement);
      if (i < 0) { return; }
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (i + 1 < links.length) { links[i + 1].focus(); }
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (i > 0) { links[i - 1].focus(); } else { input.focus(); }
      } else if (e.key === 'Escape') {
        e.preventDefault();
        input.focus();
      }
    });
    article.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && e.target !== comment) {
        e.preventDefault();
        backToResults();
      }
    });
    dymButton.addEventListener('click', function () {
      input.value = dymButton.textContent;
      search(input.value, 1);
      input.focus();
    });
    more.addEventListener('click', function () { search(state.query, state.page + 1); });
    backButton.addEventListener('click', backToResults);
    yes.addEventListener('click', function () { sendVote(true, ''); });
    no.addEventListener('click', function () {
      commentForm.hidden = false;
      comment.focus();
    });
    commentSend.addEventListener('click', function () { sendVote(false, comment.value); });
    handoffOpen.addEventListener('click', function () {
      handoffForm.hidden = false;
      handoffText.focus();
    });
    handoffSend.addEventListener('click', sendHandoff);
    if (!slashBound) {
      slashBound = true;
      document.addEventListener('keydown', function (e) {
        var tag = (e.target && e.target.tagName) || '';
        if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag)
            && !(e.target && e.target.isContentEditable)) {
          e.preventDefault();
          input.focus();
          input.select();
        }
      });
    }

    loadMessages().then(function () {
      loadStartNotices();
      if (routing && location.hash.length > 2) { follow(false); }
    }, showError);
    if (routing) {
      if ('scrollRestoration' in history) { history.scrollRestoration = 'manual'; }
      window.addEventListener('popstate', function () { follow(true); });
    }
    return {
      search: function (text) { input.value = text; search(text, 1); },
      setLanguage: setLanguage,
      element: root
    };
  }

  window.KbWidget = { mount: mount };

  if (script && script.hasAttribute('data-kb-target')) {
    var options = {
      lang: script.getAttribute('data-kb-lang'),
      languages: (script.getAttribute('data-kb-languages') || '').split(',').filter(function (l) { return l.trim(); }),
      messages: script.getAttribute('data-kb-messages'),
      routing: script.getAttribute('data-kb-routing'),
      api: script.getAttribute('data-kb-api'),
      languageSwitch: script.hasAttribute('data-kb-language-switch')
    };
    var start = function () { mount(script.getAttribute('data-kb-target'), options); };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }
})();
