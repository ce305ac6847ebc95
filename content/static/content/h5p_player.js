/*
 * H5P activities in lessons (content/templates/blocks/h5p_block.html).
 *
 * The player (h5p-standalone, served from /static/vendor/h5p-standalone/) is loaded only when
 * the learner presses "Start the activity". For a signed-in learner this script also:
 * - sends the scored, top-level xAPI statements ("answered", "completed") the activity emits
 *   to /<lang>/learning/h5p/<package>/xapi/, which checks them and records the result;
 * - saves the player's state to /<lang>/learning/h5p/<package>/state/ every few seconds and
 *   when the page is hidden, so the learner can resume.
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

  function setStatus(player, key) {
    var status = player.status;
    if (status) {
      status.textContent = key ? status.getAttribute('data-' + key) || '' : '';
    }
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
      setStatus(player, response.ok ? 'saved' : 'not-saved');
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
