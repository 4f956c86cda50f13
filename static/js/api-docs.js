"use strict";
// Starts Swagger UI on /api/docs/ (a static script: the CSP allows no inline scripts).
(function () {
  var houder = document.getElementById("swagger-ui");
  if (!houder || typeof SwaggerUIBundle === "undefined") {
    return;
  }

  function cookie(naam) {
    var delen = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < delen.length; i++) {
      var paar = delen[i].split("=");
      if (paar[0] === naam) {
        return decodeURIComponent(paar.slice(1).join("="));
      }
    }
    return null;
  }

  window.ui = SwaggerUIBundle({
    url: houder.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // A logged-in session must send its CSRF token with POST and DELETE (Django's rule).
    requestInterceptor: function (verzoek) {
      if (verzoek.method && verzoek.method !== "GET" && verzoek.credentials === "same-origin") {
        var token = cookie("csrftoken");
        if (token) {
          verzoek.headers["X-CSRFToken"] = token;
        }
      }
      return verzoek;
    },
  });
})();
