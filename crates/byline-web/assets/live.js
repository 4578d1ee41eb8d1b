// The public pages' script. Everything it does is an extra: without it every page is
// complete and a reload shows what changed.
// 1. Before the page paints: hides the banner the reader dismissed (remembered by id).
// 2. Banner dismissal, banner expiry, share links (navigator.share, else copy the link).
// 3. On pages with a stream (data-events): ONE EventSource, resumed after the change the
//    page was rendered at (?after=), applying item / delete / summary / state / banner /
//    resync events in place. A reader scrolled down gets a "N new updates" button instead
//    of the page shifting. The browser reconnects by itself with Last-Event-ID.
//    A compact stream (data-stream="feed-compact", the home page's News Feed block) uses
//    each item's one-line `line` markup and keeps its list to data-limit lines; what
//    arrives while the reader is scrolled past the block waits until its top is in view.
(function () {
  'use strict';
  var KEY = 'byline-banner-dismissed';

  // --- 1. The dismissed banner never shows, not even for one frame. -----------------
  var dismissed = null;
  try {
    dismissed = window.localStorage.getItem(KEY);
  } catch (e) {
    dismissed = null;
  }
  if (dismissed && /^\d+$/.test(dismissed)) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync('[data-banner-id="' + dismissed + '"]{display:none!important}');
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (e) {
      // Older browsers: hidden as soon as the document is parsed.
    }
  }

  function fragment(html) {
    var t = document.createElement('template');
    t.innerHTML = String(html || '').trim();
    return t.content.firstElementChild;
  }

  // --- 2. Banner and share links. ---------------------------------------------------
  function hideDismissedBanner() {
    if (!dismissed) return;
    var b = document.querySelector('[data-banner-id="' + dismissed + '"]');
    if (b) b.hidden = true;
  }

  function dismissBanner(banner) {
    var id = banner.getAttribute('data-banner-id');
    try {
      window.localStorage.setItem(KEY, id);
    } catch (e) {
      // Private mode without storage: hidden for this page view only.
    }
    dismissed = id;
    banner.hidden = true;
  }

  var bannerTimer = null;
  function scheduleBannerEnd() {
    if (bannerTimer) window.clearTimeout(bannerTimer);
    var b = document.querySelector('.site-banner[data-ends]');
    if (!b) return;
    var wait = Number(b.getAttribute('data-ends')) - Date.now();
    if (wait < 2147483647) {
      bannerTimer = window.setTimeout(function () {
        b.hidden = true;
      }, Math.max(0, wait));
    }
  }

  function setBanner(html) {
    var slot = document.getElementById('site-banner-slot');
    if (!slot) return;
    slot.innerHTML = html || '';
    hideDismissedBanner();
    scheduleBannerEnd();
  }

  function share(link) {
    var url = new URL(link.getAttribute('data-share-url'), window.location.href).href;
    var title = link.getAttribute('data-share-title') || document.title;
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
      return true;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        var words = link.getAttribute('data-copied');
        if (!words) return;
        var before = link.textContent;
        link.textContent = words;
        window.setTimeout(function () {
          link.textContent = before;
        }, 2000);
      });
      return true;
    }
    return false;
  }

  document.addEventListener('click', function (e) {
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    var dismiss = target.closest('.banner-dismiss');
    if (dismiss) {
      var banner = dismiss.closest('.site-banner');
      if (banner) {
        e.preventDefault();
        dismissBanner(banner);
      }
      return;
    }
    var link = target.closest('.share-link');
    if (link && share(link)) e.preventDefault();
  });
  document.addEventListener('keydown', function (e) {
    var target = e.target instanceof Element ? e.target : null;
    if (e.key === ' ' && target && target.classList.contains('banner-dismiss')) {
      e.preventDefault();
      target.click();
    }
  });

  // --- 3. The stream. ---------------------------------------------------------------
  function Stream(root) {
    this.root = root;
    this.kind = root.getAttribute('data-stream');
    this.compact = this.kind === 'feed-compact';
    this.limit = Number(root.getAttribute('data-limit')) || 0;
    this.insert = root.getAttribute('data-insert') || 'none';
    this.items = root.querySelector('[data-items]');
    this.pinnedBlock = root.querySelector('[data-pinned-block]');
    this.pinnedList = root.querySelector('[data-pinned-list]');
    this.button = root.querySelector('.new-updates-button');
    this.pending = [];
    this.lastId = root.getAttribute('data-after') || '0';
    this.source = null;
  }

  Stream.prototype.connect = function () {
    var self = this;
    var url = this.root.getAttribute('data-events');
    var sep = url.indexOf('?') < 0 ? '?' : '&';
    var es = new EventSource(url + sep + 'after=' + encodeURIComponent(this.lastId));
    this.source = es;
    var on = function (name, fn) {
      es.addEventListener(name, function (e) {
        if (e.lastEventId) self.lastId = e.lastEventId;
        var data = null;
        try {
          data = JSON.parse(e.data);
        } catch (err) {
          return;
        }
        fn.call(self, data);
      });
    };
    on('item', this.onItem);
    on('delete', this.onDelete);
    on('summary', this.onSummary);
    on('state', this.onSummary);
    on('banner', function (d) {
      setBanner(d.html);
    });
    on('resync', this.resync);
    es.addEventListener('error', function () {
      // Refused (too many connections, server restarting): try again later ourselves.
      if (es.readyState === 2 && !self.stopped) {
        window.setTimeout(function () {
          self.connect();
        }, 15000);
      }
    });
    this.root.setAttribute('data-connected', 'true');
  };

  Stream.prototype.stop = function () {
    this.stopped = true;
    if (this.source) this.source.close();
    this.root.removeAttribute('data-connected');
  };

  Stream.prototype.find = function (id) {
    return this.root.querySelector('[data-items] [data-id="' + id + '"], [data-pinned-list] [data-id="' + id + '"]');
  };

  /** The markup of item event `d` for this stream: a compact list takes its one line. */
  Stream.prototype.markup = function (d) {
    return fragment(this.compact ? d.line : d.html);
  };

  /** Whether the top of the stream is in view, so inserting there does not move what the
   * reader is looking at. A compact block is exact: any part of it above the viewport
   * would push the page under the reader. */
  Stream.prototype.atTop = function () {
    if (this.compact) return this.items.getBoundingClientRect().top >= 0;
    var anchor = this.pinnedBlock && !this.pinnedBlock.hidden ? this.pinnedBlock : this.items;
    return anchor.getBoundingClientRect().top > -80;
  };

  Stream.prototype.onItem = function (d) {
    if (d.key_events !== undefined) this.setKeyEvents(d.key_events);
    var existing = this.find(d.id);
    var el = this.markup(d);
    if (!el) return;
    if (existing) {
      var wasPinned = existing.getAttribute('data-pinned') === 'true';
      if (wasPinned === Boolean(d.pinned)) {
        existing.replaceWith(el);
        return;
      }
      existing.remove();
    } else {
      // Held items are replaced too (edited before the reader pressed the button).
      this.pending = this.pending.filter(function (p) {
        return p.id !== d.id;
      });
      if (this.insert === 'none') return;
      if (this.insert === 'top' && !this.atTop()) {
        this.pending.push(d);
        this.showButton();
        return;
      }
    }
    this.place(el, d);
  };

  Stream.prototype.place = function (el, d) {
    if (d.pinned && this.pinnedList) {
      this.pinnedList.prepend(el);
      if (this.pinnedBlock) this.pinnedBlock.hidden = false;
      return;
    }
    var list = this.items;
    if (this.kind === 'feed') list = this.dayList(d.day, d.day_heading);
    // A compact list has no pinned block: its pinned line comes first.
    list.insertBefore(el, d.pinned && this.compact ? list.firstElementChild : this.slot(list, d));
    if (!this.compact) return;
    while (this.limit && list.children.length > this.limit) list.lastElementChild.remove();
    var empty = this.root.querySelector('.feed-empty');
    if (empty) empty.remove();
  };

  /** The child of `list` that item `d` goes before (null: at the end). Ordered as the
   * server orders them: by time, then by id (several updates may share a second),
   * whatever order their events arrive in; a compact list's pinned line stays first. */
  Stream.prototype.slot = function (list, d) {
    var time = Number(d.time);
    var id = Number(d.id);
    var newestFirst = this.insert !== 'bottom';
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      if (this.compact && children[i].getAttribute('data-pinned') === 'true') continue;
      var t = Number(children[i].getAttribute('data-time'));
      var cid = Number(children[i].getAttribute('data-id'));
      var later = t > time || (t === time && cid > id);
      var earlier = t < time || (t === time && cid < id);
      if (newestFirst ? earlier : later) return children[i];
    }
    return null;
  };

  /** The `<ol>` of one day on the News Feed, created (newest day first) when missing. */
  Stream.prototype.dayList = function (day, heading) {
    var section = this.items.querySelector('[data-day="' + day + '"]');
    if (!section) {
      section = document.createElement('section');
      section.className = 'feed-day';
      section.setAttribute('data-day', day);
      section.setAttribute('aria-labelledby', 'day-' + day);
      var h = document.createElement('h2');
      h.className = 'rule-heading';
      h.id = 'day-' + day;
      h.textContent = heading;
      var ol = document.createElement('ol');
      ol.className = 'feed-list';
      section.appendChild(h);
      section.appendChild(ol);
      var later = null;
      var days = this.items.querySelectorAll('[data-day]');
      for (var i = 0; i < days.length; i++) {
        if (days[i].getAttribute('data-day') < day) {
          later = days[i];
          break;
        }
      }
      this.items.insertBefore(section, later);
      var empty = this.root.querySelector('.feed-empty');
      if (empty) empty.remove();
    }
    return section.querySelector('ol');
  };

  Stream.prototype.onDelete = function (d) {
    if (d.key_events !== undefined) this.setKeyEvents(d.key_events);
    this.pending = this.pending.filter(function (p) {
      return p.id !== d.id;
    });
    this.showButton();
    var el = this.find(d.id);
    if (!el) return;
    var day = el.closest('.feed-day');
    el.remove();
    if (day && !day.querySelector('[data-id]')) day.remove();
    if (this.pinnedBlock && !this.pinnedList.querySelector('[data-id]')) this.pinnedBlock.hidden = true;
  };

  Stream.prototype.setKeyEvents = function (html) {
    var box = document.getElementById('key-events');
    var el = fragment(html);
    if (box && el) box.replaceWith(el);
  };

  Stream.prototype.onSummary = function (d) {
    var summary = document.getElementById('live-summary');
    var el = fragment(d.html);
    if (summary && el) summary.replaceWith(el);
    if (d.key_events !== undefined) this.setKeyEvents(d.key_events);
    if (d.status === 'archived') {
      // Frozen: nothing more will come.
      this.insert = 'none';
      this.pending = [];
      this.showButton();
      this.stop();
    }
  };

  Stream.prototype.showButton = function () {
    if (!this.button) return;
    var n = this.pending.length;
    if (n === 0) {
      this.button.hidden = true;
      this.button.textContent = '';
      return;
    }
    var category = 'other';
    try {
      category = new Intl.PluralRules(document.documentElement.lang || 'en').select(n);
    } catch (e) {
      category = n === 1 ? 'one' : 'other';
    }
    var words = this.button.getAttribute('data-' + category) || this.button.getAttribute('data-other');
    this.button.textContent = words.replace('{n}', String(n));
    this.button.hidden = false;
  };

  Stream.prototype.flush = function (jump) {
    var held = this.pending.slice().sort(function (a, b) {
      return Number(a.time) - Number(b.time) || Number(a.id) - Number(b.id);
    });
    this.pending = [];
    var first = null;
    for (var i = 0; i < held.length; i++) {
      var el = this.markup(held[i]);
      if (!el) continue;
      this.place(el, held[i]);
      first = el;
    }
    this.showButton();
    if (!jump) return;
    this.items.scrollIntoView({ block: 'start' });
    // The newest one takes focus so keyboard and screen-reader users land on it.
    var target = first && first.querySelector('article') ? first.querySelector('article') : first;
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    }
  };

  /** Fell too far behind: the stream's blocks are fetched again and swapped in. */
  Stream.prototype.resync = function () {
    var self = this;
    fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        ['[data-items]', '[data-pinned-block]', '#live-summary', '#key-events'].forEach(function (sel) {
          var fresh = doc.querySelector(sel);
          var old = self.root.querySelector(sel) || document.querySelector(sel);
          if (fresh && old) old.replaceWith(document.importNode(fresh, true));
        });
        self.items = self.root.querySelector('[data-items]');
        var empty = self.root.querySelector('.feed-empty');
        if (empty && self.compact && self.items.children.length) empty.remove();
        self.pinnedBlock = self.root.querySelector('[data-pinned-block]');
        self.pinnedList = self.root.querySelector('[data-pinned-list]');
        self.pending = [];
        self.showButton();
        // Carry on from what the fresh page shows: a new connection asks for what came
        // after it (the browser would otherwise resume from the old id and replay again).
        var root = doc.querySelector('[data-events][data-stream="' + self.kind + '"]');
        var after = root && root.getAttribute('data-after');
        if (after && self.source) {
          self.source.close();
          self.lastId = after;
          self.connect();
        }
      })
      .catch(function () {});
  };

  function init() {
    hideDismissedBanner();
    scheduleBannerEnd();
    var root = document.querySelector('[data-events]');
    if (!root || !window.EventSource) return;
    var stream = new Stream(root);
    if (!stream.items) return;
    if (stream.button) {
      stream.button.addEventListener('click', function () {
        stream.flush(true);
      });
    }
    window.addEventListener(
      'scroll',
      function () {
        if (stream.pending.length && stream.atTop()) stream.flush(false);
      },
      { passive: true }
    );
    stream.connect();
    window.addEventListener('pagehide', function () {
      stream.stop();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
