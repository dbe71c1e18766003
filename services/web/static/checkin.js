/* Door check-in: read a pass's QR code with the phone's camera (the browser's own
   BarcodeDetector; nothing loaded from elsewhere) and post it as if it had been typed.
   Without a camera or BarcodeDetector the typed field is all there is. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("checkin-code");
  var camera = document.getElementById("camera");
  var video = document.getElementById("camera-video");
  var note = document.getElementById("camera-note");
  var start = document.getElementById("camera-start");
  if (!form || !input) return;

  var REPEAT_MS = 4000; // the same pass held in front of the camera is posted once
  var lastCode = "";
  var lastAt = 0;

  function post(code) {
    var now = Date.now();
    if (code === lastCode && now - lastAt < REPEAT_MS) return;
    lastCode = code;
    lastAt = now;
    input.value = code;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.target && e.target.id === "door-result") {
      input.value = "";
      input.focus();
    }
  });

  var supported = "BarcodeDetector" in window && navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === "function";
  if (!supported) return;

  function scan(detector) {
    if (video.readyState >= 2) {
      detector.detect(video).then(function (codes) {
        if (codes.length > 0 && codes[0].rawValue) post(codes[0].rawValue);
      }).catch(function () { /* a frame that cannot be read: try the next */ });
    }
    window.setTimeout(function () { scan(detector); }, 250);
  }

  function open() {
    start.hidden = true;
    camera.hidden = false;
    note.textContent = "ส่องกล้องไปที่ QR บนบัตร / point the camera at the pass's QR code";
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        return video.play();
      })
      .then(function () {
        return window.BarcodeDetector.getSupportedFormats
          ? window.BarcodeDetector.getSupportedFormats() : ["qr_code"];
      })
      .then(function (formats) {
        if (formats.indexOf("qr_code") < 0) throw new Error("no QR support");
        scan(new window.BarcodeDetector({ formats: ["qr_code"] }));
      })
      .catch(function () {
        camera.hidden = true;
        note.textContent = "";
        start.hidden = false;
        start.textContent = "เปิดกล้องไม่ได้ โปรดพิมพ์รหัส / the camera cannot be used: type the code";
        start.disabled = true;
      });
  }

  start.hidden = false;
  start.addEventListener("click", open);
})();
