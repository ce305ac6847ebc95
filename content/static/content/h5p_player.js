/*
 * H5P activities in lessons (content/templates/blocks/h5p_block.html).
 *
 * The player (h5p-standalone, served from /static/vendor/h5p-standalone/) is loaded only when
 * the learner presses "Start the activity". For a signed-in learner this script also:
 * - sends the scored, top-level xAPI statements ("answered", "completed") the activity emits
 *   to /<lang>/learning/h5p/<package>/xapi/, which checks them and records the result;
 * - saves the player's state to /<lang>/learning/h5p/<package>/state/ every few seconds and
 *   when the page is hidden, so the learner can resume;
 * - shows what the server answers to a recorded result without a reload: the block's result
 *   line ([data-h5p-result]) and, when the result completed the lesson, the lesson's completed
 *   state and next step in place of its "Mark complete" form ([data-lesson-actions] on the
 *   lesson page), announced in the block's status region.
 */
(function () {
  'use strict';

  if (window.psrH5P) {
    return; // One copy per page, however many activities it has.
  }

  var VERBS = {
    'http://adlnet.gov/expapi/verbs/answered': true,
    'http://adlnet.gov/expapi/verbs/completed': true
  };
  var players = [];
  var mainLoaded = null;
  var queue = Promise.resolve();
  var listening = false;

  function loadMain(src) {
    if (!mainLoaded) {
      mainLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return mainLoaded;
  }

  function post(url, token, body, keepalive) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: !!keepalive,
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
      body: JSON.stringify(body)
    });
  }

  function setStatus(player, key, more) {
    var status = player.status;
    if (status) {
      var text = key ? status.getAttribute('data-' + key) || '' : '';
      status.textContent = more ? text + ' ' + more : text;
    }
  }

  function showResult(player, result) {
    if (player.result && result && result.text) {
      player.result.textContent = result.text;
      player.result.hidden = false;
    }
  }

  function showProgress(actions, progress) {
    var bar = actions.querySelector('progress');
    var text = actions.querySelector('.progress__text');
    if (bar) {
      bar.max = progress.total;
      bar.value = progress.done;
    }
    if (text && progress.text) {
      text.textContent = progress.text;
    }
  }

  function showLessonCompleted(data) {
    // The lesson page's own markup, rendered hidden beside the form (lesson_page.html).
    // True when the lesson was shown as not complete until now.
    var actions = document.querySelector('[data-lesson-actions]');
    var form = actions && actions.querySelector('[data-lesson-complete-form]');
    var completed = actions && actions.querySelector('[data-lesson-completed]');
    if (!form || !completed) {
      return false;
    }
    form.parentNode.removeChild(form);
    completed.hidden = false;
    var next = data.nextStep;
    var nextStep = actions.querySelector('[data-next-step]');
    var link = actions.querySelector('[data-next-step-link]');
    if (next && next.url && nextStep && link) {
      link.href = next.url;
      link.textContent = next.words;
      nextStep.hidden = false;
    }
    if (data.progress) {
      showProgress(actions, data.progress);
    }
    return true;
  }

  function recorded(player, response) {
    if (response.status !== 201) {
      setStatus(player, 'saved');
      return;
    }
    return response.json().then(function (data) {
      showResult(player, data.result);
      var completedNow = data.lessonCompleted && showLessonCompleted(data);
      setStatus(player, 'saved', completedNow ? data.message : '');
    }, function () {
      setStatus(player, 'saved');
    });
  }

  function playerFor(objectId) {
    for (var i = 0; i < players.length; i++) {
      var iri = players[i].config.xAPIObjectIRI;
      if (objectId === iri || objectId.indexOf(iri + '?') === 0) {
        return players[i];
      }
    }
    return null;
  }

  function onXAPI(event) {
    var statement = event && event.data && event.data.statement;
    if (!statement || !statement.verb || !VERBS[statement.verb.id]) {
      return;
    }
    var context = statement.context || {};
    if (context.contextActivities && context.contextActivities.parent) {
      return; // Only the activity's own result counts, not its parts'.
    }
    var player = playerFor((statement.object && statement.object.id) || '');
    if (!player || !player.config.signedIn) {
      return;
    }
    post(player.config.xapiUrl, player.config.csrfToken, {
      statement: statement,
      lesson: player.config.lesson
    }).then(function (response) {
      if (!response.ok) {
        setStatus(player, 'not-saved');
        return;
      }
      return recorded(player, response);
    }, function () {
      setStatus(player, 'not-saved');
    });
  }

  function liveState(player) {
    // The running activity's own state, fresher than the copy H5P keeps every saveFreq.
    var frame = document.getElementById('h5p-iframe-' + player.config.id);
    var instances = frame && frame.contentWindow && frame.contentWindow.H5P &&
      frame.contentWindow.H5P.instances;
    var instance = instances && instances[0];
    if (!instance || typeof instance.getCurrentState !== 'function') {
      return undefined;
    }
    var state = instance.getCurrentState();
    return state === undefined ? undefined : JSON.stringify(state);
  }

  function currentState(player) {
    var live;
    try {
      live = liveState(player);
    } catch (error) {
      live = undefined;
    }
    if (live !== undefined) {
      return live;
    }
    var integration = window.H5PIntegration;
    var content = integration && integration.contents &&
      integration.contents['cid-' + player.config.id];
    var data = content && content.contentUserData;
    return data && data[0] && typeof data[0].state === 'string' ? data[0].state : null;
  }

  function saveState(player, keepalive) {
    var state = currentState(player);
    if (state === null || state === player.savedState) {
      return;
    }
    player.savedState = state;
    post(player.config.stateUrl, player.config.csrfToken, {data: state}, keepalive)
      .catch(function () {
        player.savedState = null; // Try again next time.
      });
  }

  function start(player) {
    var config = player.config;
    player.button.hidden = true;
    player.element.hidden = false;
    setStatus(player, 'loading');
    queue = queue.then(function () {
      return loadMain(config.mainJs);
    }).then(function () {
      var options = {
        id: config.id,
        h5pJsonPath: config.h5pJsonPath,
        contentJsonPath: config.contentJsonPath,
        frameJs: config.frameJs,
        frameCss: config.frameCss,
        frame: config.frame,
        fullScreen: config.fullScreen,
        translations: config.translations,
        xAPIObjectIRI: config.xAPIObjectIRI
      };
      if (config.signedIn) {
        options.saveFreq = config.saveFreq;
        if (config.contentUserData) {
          options.contentUserData = config.contentUserData;
          player.savedState = config.contentUserData[0].state;
        }
      }
      return new window.H5PStandalone.H5P(player.element, options);
    }).then(function () {
      setStatus(player, '');
      player.element.setAttribute('data-h5p-ready', '');
      // The player's frame has no name of its own: give it the activity's (WCAG 4.1.2).
      var frame = document.getElementById('h5p-iframe-' + config.id);
      if (frame && !frame.title && player.title) {
        frame.title = player.title;
      }
      if (!listening && window.H5P && window.H5P.externalDispatcher) {
        window.H5P.externalDispatcher.on('xAPI', onXAPI);
        listening = true;
      }
      if (config.signedIn && config.saveFreq) {
        window.setInterval(function () {
          saveState(player, false);
        }, config.saveFreq * 1000);
      }
    }).catch(function (error) {
      setStatus(player, 'failed');
      if (window.console) {
        window.console.error('H5P activity failed to load', error);
      }
    });
  }

  function init() {
    var elements = document.querySelectorAll('[data-h5p-player]');
    Array.prototype.forEach.call(elements, function (element) {
      var source = document.getElementById(element.getAttribute('data-h5p-player'));
      var block = element.closest('[data-h5p-block]');
      if (!source || !block || element.hasAttribute('data-h5p-bound')) {
        return;
      }
      element.setAttribute('data-h5p-bound', '');
      var player = {
        config: JSON.parse(source.textContent),
        element: element,
        button: block.querySelector('[data-h5p-start]'),
        status: block.querySelector('[data-h5p-status]'),
        result: block.querySelector('[data-h5p-result]'),
        title: (block.querySelector('h2') || {}).textContent || '',
        savedState: null
      };
      players.push(player);
      player.button.addEventListener('click', function () {
        start(player);
      });
    });
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      players.forEach(function (player) {
        if (player.config.signedIn) {
          saveState(player, true);
        }
      });
    }
  });

  window.psrH5P = {players: players, saveState: saveState};
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
