// Small helpers the Blazor components call through JS interop.
window.serviceInsights = {
    setCookie: function (name, value, days) {
        const expires = new Date(Date.now() + days * 864e5).toUTCString();
        document.cookie = name + "=" + encodeURIComponent(value) + "; expires=" + expires + "; path=/; SameSite=Lax";
    }
};

// A file dropped anywhere but on a file input (e.g. just beside the import drop zone, or before the zone has laid its
// input over itself) must not make the browser open the file and leave the app.
(function () {
    const isFileInput = (target) => target instanceof HTMLInputElement && target.type === "file";
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
    for (const type of ["dragover", "drop"]) {
        window.addEventListener(type, function (e) {
            if (hasFiles(e) && !isFileInput(e.target)) {
                e.preventDefault();
            }
        });
    }
})();
