;;; handbook-test.el --- the shipped language server in a real Emacs with eglot  -*- lexical-binding: t -*-

;; Debian's Emacs 28 with eglot 1.9 and markdown-mode, in batch mode, on a copy of
;; test/fixtures/protocol-site (test/editors/emacs.test.ts runs it, once in a git checkout and once in a
;; plain folder). eglot 1.9 pushes no pull requests: this is the push path as an Emacs user gets it.
;; The client is configured by the README's own snippet (HANDBOOK_EGLOT_CONFIG, the server's path
;; filled in), and every check reads what the user would see: flymake's diagnostics, the buffers' text.
;;
;; Batch mode has no command loop, so (as ../shared notes on real editors say) the script starts eglot
;; with (call-interactively 'eglot) instead of eglot-ensure, and sends each edit with
;; (eglot--signal-textDocument/didChange) instead of waiting for eglot's idle timer.
;;
;; Env: HANDBOOK_SITE (the copy), HANDBOOK_EGLOT_CONFIG (a file with the README's snippet),
;; HANDBOOK_SAME_SERVER ("1" when one server serves the whole site: a git checkout).
;; Prints one JSON line per check ({"check": ..., "ok": true|false, "error": ...}); exits 0 when every
;; check passed, 1 otherwise, and 1 at the latest after HANDBOOK_TIMEOUT_MS (default 60000).

(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'json)
(require 'cl-lib)
(require 'markdown-mode)
(require 'eglot)

(defconst hb-site (file-name-as-directory (getenv "HANDBOOK_SITE")))
(defconst hb-same-server (equal (getenv "HANDBOOK_SAME_SERVER") "1"))
(defconst hb-deadline (+ (float-time) (/ (string-to-number (or (getenv "HANDBOOK_TIMEOUT_MS") "60000")) 1000.0)))
(defconst hb-seed "content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md")
(defconst hb-team "content/handbook/engineering/infrastructure/engineering-productivity/_index.md")
(defconst hb-bound "content/handbook/engineering/infrastructure/engineering-productivity/career.md")
(defconst hb-fix "Change to \"includes/engineering-careers/career-matrix-nav.md\"")

;; The README's configuration, as a user would put it in their init file.
(load (getenv "HANDBOOK_EGLOT_CONFIG") nil t)
;; Nothing may wait for an answer from a user who is not there.
(defun yes-or-no-p (prompt) (error "unexpected question: %s" prompt))
(defun y-or-n-p (prompt) (error "unexpected question: %s" prompt))

(defvar hb-failed nil)

(defun hb-report (check ok &optional err detail)
  (princ (concat (json-encode `((check . ,check) (ok . ,(if ok t :json-false))
                                ,@(when err `((error . ,err)))
                                ,@(when detail `((detail . ,detail)))))
                 "\n")))

(defun hb-wait (what pred &optional seconds explain)
  "Waits (processing the server's messages) until PRED holds; errors with WHAT (and what EXPLAIN
returns) if it never does."
  (let ((until (min hb-deadline (+ (float-time) (or seconds 15)))))
    (while (and (not (funcall pred)) (< (float-time) until))
      (accept-process-output nil 0.05))
    (unless (funcall pred)
      (error "timed out waiting for %s%s" what (if explain (format "; %S" (funcall explain)) "")))))

(defmacro hb-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (let ((detail (progn ,@body)))
         (hb-report ,name t nil detail))
     (error (setq hb-failed t)
            (hb-report ,name nil (error-message-string err)))))

(defun hb-codes ()
  "The codes of flymake's diagnostics in the current buffer, sorted."
  (sort (mapcar (lambda (d)
                  (let ((text (flymake-diagnostic-text d)))
                    (if (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text) text)))
                (flymake-diagnostics))
        #'string<))

(defun hb-open (rel)
  "Visits REL in the site, managed by eglot (a server is started when none serves its project)."
  (let ((buf (find-file (concat hb-site rel))))
    ;; As a user visits it: shown in the window, where flymake starts its backends.
    (with-current-buffer buf
      (unless (eq major-mode 'markdown-mode) (error "%s opened in %s, not markdown-mode" rel major-mode))
      (unless (eglot-managed-p) (call-interactively #'eglot))
      (hb-wait (format "eglot to manage %s" rel) #'eglot-managed-p)
      ;; Flymake starts a buffer's backends once the buffer is shown and Emacs idles (a timer and
      ;; hooks of the command loop): start them at once, so that a buffer visited and then left
      ;; keeps receiving its diagnostics, as in an interactive Emacs.
      (flymake-start))
    buf))

(defun hb-edit (buf from to)
  "Replaces FROM with TO in BUF, as typing would, and sends the change."
  (with-current-buffer buf
    (goto-char (point-min))
    (unless (search-forward from nil t) (error "%S is not in %s" from (buffer-name)))
    (replace-match to t t)
    (eglot--signal-textDocument/didChange)))

(let (seed)
  (hb-check "diagnostics"
    (setq seed (hb-open hb-seed))
    (with-current-buffer seed
      (hb-wait "the seed page's four problems"
               (lambda () (equal (hb-codes) '("anchor-not-found" "anchor-not-found" "anchor-not-found" "include-not-found"))))
      (format "%S, server root %s" (hb-codes) (eglot--project (eglot-current-server)))))

  (hb-check "hover"
    (with-current-buffer seed
      (goto-char (point-min))
      (search-forward "senior-technical-competency.md")
      (goto-char (- (point) 5))
      (let* ((h (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
             (value (plist-get (plist-get h :contents) :value)))
        (unless (and value (string-match-p "Include.*senior-technical-competency\\.md.*included by 2 pages" value))
          (error "hover on the include path: %S" h))
        (car (split-string value "\n")))))

  (hb-check "codeAction"
    (with-current-buffer seed
      (let* ((diag (cl-find-if (lambda (d) (string-match-p "include-not-found" (flymake-diagnostic-text d))) (flymake-diagnostics)))
             (actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag)))
             (titles (mapcar (lambda (a) (plist-get a :title)) actions)))
        ;; eglot 1.9 cannot create files: the Create fix is not offered to it; the Ignore fix is.
        (unless (equal titles (list hb-fix "Ignore this problem here")) (error "actions: %S" titles))
        ;; Picked from eglot's own menu, applied by eglot's own edit code.
        (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) hb-fix))
                  (last-nonmenu-event ?\r))
          (eglot--read-execute-code-action actions (eglot-current-server)))
        (unless (string-match-p "{{% include \"includes/engineering-careers/career-matrix-nav.md\" %}}" (buffer-string))
          (error "the buffer did not get the fix"))
        (eglot--signal-textDocument/didChange)
        (hb-wait "the include problem to go" (lambda () (not (member "include-not-found" (hb-codes)))))
        (hb-codes))))

  (hb-check "crossPage"
    ;; A page bound to the team page's terms, in the team page's own folder: one server serves both
    ;; even where eglot roots each folder apart (no version control).
    (with-temp-file (concat hb-site hb-bound)
      (insert "---\ntitle: Career\n---\nThe terms are defined on the [team page](/handbook/engineering/infrastructure/engineering-productivity/#areas-of-responsibility).\n\n| Responsibility | Description |\n| --- | --- |\n| Dogfood use | Uses the product. |\n"))
    (let* ((bound (hb-open hb-bound))
           (team (hb-open hb-team))
           (watch (if hb-same-server (list bound seed) (list bound)))
           (has-unknown (lambda () (cl-every (lambda (b) (with-current-buffer b (member "term-unknown" (hb-codes)))) watch)))
           (no-unknown (lambda () (cl-notany (lambda (b) (with-current-buffer b (member "term-unknown" (hb-codes)))) watch))))
      (with-current-buffer bound (hb-wait "the bound page's diagnostics" (lambda () (null (hb-codes))) 10))
      (unless (eq (with-current-buffer team (eglot-current-server)) (with-current-buffer bound (eglot-current-server)))
        (error "the team page and the bound page have different servers"))
      (when hb-same-server
        (unless (eq (with-current-buffer team (eglot-current-server)) (with-current-buffer seed (eglot-current-server)))
          (error "the seed page has a server of its own in a git checkout")))
      ;; Renaming the term on the team page (unsaved) reaches the open pages that use it...
      (hb-edit team "**Dogfood use**" "**Dogfood usage**")
      (hb-wait "term-unknown on the pages bound to the team page" has-unknown 15
               (lambda () (mapcar (lambda (b) (cons (buffer-name b) (with-current-buffer b (hb-codes)))) watch)))
      ;; ...and renaming it back clears it.
      (hb-edit team "**Dogfood usage**" "**Dogfood use**")
      (hb-wait "term-unknown to clear" no-unknown)
      (format "%d pages updated" (length watch)))))

(dolist (server (hash-table-values eglot--servers-by-project))
  (dolist (s server) (ignore-errors (eglot-shutdown s))))
(kill-emacs (if hb-failed 1 0))
