/* The application form: refuse a file that is too large before it is sent (phone photos
   are big, a rural connection is slow), with the message at the field. No framework. */
(function () {
  "use strict";
  function check(input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var field = input.closest(".field");
    if (!max || !field) { return true; }
    var message = field.querySelector(".error--size");
    var file = input.files && input.files[0];
    var tooLarge = Boolean(file && file.size > max);
    if (tooLarge && !message) {
      message = document.createElement("p");
      message.className = "error error--size";
      message.id = input.id + "-size-error";
      message.setAttribute("role", "alert");
      field.appendChild(message);
    }
    if (message) {
      message.textContent = tooLarge ? input.getAttribute("data-too-large") : "";
      message.hidden = !tooLarge;
    }
    if (tooLarge) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", message.id);
    } else if (message) {
      input.removeAttribute("aria-invalid");
    }
    return !tooLarge;
  }
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () { check(input); });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!check(input)) { event.preventDefault(); input.focus(); }
      });
    }
  });
})();
