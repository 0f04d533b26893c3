-- The shipped language server in a real Neovim (0.7 API), on a copy of test/fixtures/protocol-site.
-- Neovim 0.7 does not pull diagnostics, so this is the push path as a Neovim user gets it: the client
-- is started the way the README tells users to, and every check reads what the user would see
-- (vim.diagnostic, the buffer's text) after going through Neovim's own handlers.
--
-- Run (test/editors/neovim.test.ts does this):
--   HANDBOOK_SITE=<copy of the fixture site> HANDBOOK_SERVER=<dist/server.js> [HANDBOOK_NODE=<node>] \
--     nvim --headless --clean -u NONE -c "luafile handbook_spec.lua"
-- Prints one JSON line per check on stdout ({"check": ..., "ok": true|false, ...}); exits 0 when every
-- check passed, 1 otherwise. A global deadline (HANDBOOK_TIMEOUT_MS, default 45000) makes it exit 1
-- rather than hang.

local SEED = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md'
local SCRATCH = 'content/handbook/new-page.md' -- a page the user has just created: not on disk
local MISSING = 'includes/engineering-careers/ep-career-nav.md'
local HOVERED = 'includes/engineering-careers/senior-technical-competency.md'
local FOLDER = 'includes/engineering-careers/'
local FIX_TITLE = 'Change to "includes/engineering-careers/career-matrix-nav.md"'

local uv = vim.loop
local timeout_ms = tonumber(os.getenv('HANDBOOK_TIMEOUT_MS') or '') or 45000
local function now_ms() return uv.hrtime() / 1e6 end
local started = now_ms()
local deadline = started + timeout_ms

local function report(record)
  io.stdout:write(vim.fn.json_encode(record) .. '\n')
  io.stdout:flush()
end

-- The backstop for a wedged script: every wait below ends by the deadline, so this fires only if
-- something else hangs. Scheduled, so it runs even while the script sits in vim.wait.
local guard = uv.new_timer()
guard:start(timeout_ms + 2000, 0, vim.schedule_wrap(function()
  report({ check = 'timeout', ok = false, error = ('still running %d ms after the deadline'):format(2000) })
  vim.cmd('cquit 1')
end))

--- How long one step may wait: STEP_MS, cut short by the global deadline (so that one stuck step
--- still leaves time for the others to report).
local STEP_MS = 10000
local function remaining()
  return math.min(math.max(deadline - now_ms(), 0), STEP_MS)
end

--- Waits for `cond`; errors with `what` (and `explain()`, if given) if it never holds.
local function wait_for(what, cond, explain)
  if not vim.wait(remaining(), cond, 20) then
    error('timed out waiting for ' .. what .. (explain and ('; ' .. explain()) or ''), 0)
  end
end

local function env(name)
  local v = os.getenv(name)
  if v == nil or v == '' then error(name .. ' is not set', 0) end
  return v
end

--- Where `needle` (plus `plus` bytes) starts in `line`: the 0-based UTF-16 character (LSP positions
--- are UTF-16) and the 0-based byte (Neovim columns are bytes).
local function char_of(line, needle, plus)
  local byte = line:find(needle, 1, true)
  if not byte then error(('%q not found in line %q'):format(needle, line), 0) end
  local at = byte - 1 + (plus or 0)
  local _, utf16 = vim.str_utfindex(line, at)
  return utf16, at
end

--- 1-based number of the first buffer line containing `needle`.
local function line_with(bufnr, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find(needle, 1, true) then return i, l end
  end
  error(('%q is in no line of the buffer'):format(needle), 0)
end

--- One request through Neovim's client, as its own commands make it; returns the server's result.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, remaining())
  if not responses then error(method .. ': ' .. tostring(err), 0) end
  local _, response = next(responses)
  if not response then error(method .. ': no response', 0) end
  if response.err then error(method .. ': ' .. vim.inspect(response.err), 0) end
  return response.result
end

local results = {}
local function check(name, fn)
  local ok, detail = pcall(fn)
  local record = { check = name, ok = ok }
  if ok then
    record.detail = detail
  else
    record.error = tostring(detail)
  end
  results[#results + 1] = record
  report(record)
  return ok
end

-- Pushed diagnostics per file, as the server published them (the default handler still runs, so
-- vim.diagnostic holds what the user sees). Keyed by file name, as Neovim maps URIs to buffers, so
-- that two spellings of one URI cannot disagree.
local pushes = {}
local client_id
local server_exit

local function main()
  local site = env('HANDBOOK_SITE')
  local server = env('HANDBOOK_SERVER')
  local node = os.getenv('HANDBOOK_NODE') or 'node'
  vim.o.swapfile = false
  vim.o.hidden = true -- the scratch page stays modified while we go back to the seed page
  vim.cmd('filetype on')

  client_id = vim.lsp.start_client({
    name = 'handbook',
    cmd = { node, server, '--stdio' },
    root_dir = site,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        local file = vim.uri_to_fname(result.uri)
        local list = pushes[file] or {}
        list[#list + 1] = { version = result.version, count = #result.diagnostics }
        pushes[file] = list
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
    on_exit = function(code, signal) server_exit = { code = code, signal = signal } end,
  })
  if not client_id then error('vim.lsp.start_client did not start the server', 0) end

  local function client_ready()
    if server_exit then error('the server exited: ' .. vim.inspect(server_exit), 0) end
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end
  wait_for('the server to initialize', client_ready)

  vim.cmd('edit ' .. vim.fn.fnameescape(site .. '/' .. SEED))
  local seed = vim.api.nvim_get_current_buf()
  if not vim.lsp.buf_attach_client(seed, client_id) then error('could not attach to ' .. SEED, 0) end
  local seed_file = vim.api.nvim_buf_get_name(seed)

  -- (a) The broken include is underlined on its path in line 8, and the seed page's three in-page
  -- anchors that name no heading (lines 12-14) are flagged: four diagnostics in all.
  local function sorted_codes(diags)
    local codes = {}
    for _, x in ipairs(diags) do codes[#codes + 1] = (x.lnum + 1) .. ':' .. tostring(x.code) end
    table.sort(codes)
    return table.concat(codes, ' ')
  end
  local diag_ok = check('diagnostics', function()
    wait_for('diagnostics for ' .. SEED, function()
      if server_exit then error('the server exited: ' .. vim.inspect(server_exit), 0) end
      return #vim.diagnostic.get(seed) >= 4
    end, function() return 'pushes seen: ' .. vim.inspect(pushes[seed_file] or {}) end)
    local diags = vim.diagnostic.get(seed)
    local line = vim.api.nvim_buf_get_lines(seed, 7, 8, false)[1]
    local _, col = char_of(line, MISSING)
    local d
    for _, x in ipairs(diags) do if x.code == 'include-not-found' then d = x end end
    if not d then error('no include-not-found among ' .. sorted_codes(diags), 0) end
    local got = { codes = sorted_codes(diags), code = d.code, lnum = d.lnum + 1, col = d.col, end_col = d.end_col, severity = d.severity }
    local want = { codes = '12:anchor-not-found 13:anchor-not-found 14:anchor-not-found 8:include-not-found', code = 'include-not-found', lnum = 8, col = col, end_col = col + #MISSING, severity = vim.diagnostic.severity.ERROR }
    if not vim.deep_equal(got, want) then
      local all = {}
      for _, x in ipairs(diags) do
        all[#all + 1] = ('%d:%d %s %s'):format(x.lnum + 1, x.col + 1, tostring(x.code), x.message)
      end
      error('got ' .. vim.inspect(got) .. ', want ' .. vim.inspect(want) .. '; all: ' .. vim.inspect(all), 0)
    end
    return { line = got.lnum, col = got.col + 1, code = got.code, message = d.message, pushes = #(pushes[seed_file] or {}) }
  end)

  -- (b) Hover on an include path shows the included file.
  check('hover', function()
    local lnum, line = line_with(seed, HOVERED)
    local _, byte = char_of(line, HOVERED, 10)
    vim.api.nvim_win_set_cursor(0, { lnum, byte })
    local result = request(seed, 'textDocument/hover', vim.lsp.util.make_position_params())
    if not result or not result.contents then error('no hover at ' .. lnum .. ':' .. (byte + 1), 0) end
    if result.contents.kind ~= 'markdown' then error('hover is not markdown: ' .. vim.inspect(result.contents), 0) end
    local shown = table.concat(vim.lsp.util.convert_input_to_markdown_lines(result.contents), '\n')
    if not shown:find('Solves complex technical problems', 1, true) then error('hover lacks the heading: ' .. shown, 0) end
    return { line = lnum, chars = #shown }
  end)

  -- (c) Typing an include in a new page: completion inside the quotes right after the folder lists
  -- the folder's files.
  check('completion', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(site .. '/' .. SCRATCH))
    local scratch = vim.api.nvim_get_current_buf()
    if not vim.lsp.buf_attach_client(scratch, client_id) then error('could not attach to ' .. SCRATCH, 0) end
    local text = '{{% include "' .. FOLDER .. '" %}}'
    vim.api.nvim_buf_set_lines(scratch, 0, -1, false, { '---', 'title: New page', '---', '', text })
    local _, byte = char_of(text, FOLDER, #FOLDER)
    vim.api.nvim_win_set_cursor(0, { 5, byte })
    local result = request(scratch, 'textDocument/completion', vim.lsp.util.make_position_params())
    local items = result and (result.items or result) or {}
    local labels = {}
    for _, item in ipairs(items) do labels[#labels + 1] = item.label end
    for _, want in ipairs({ 'senior-technical-competency.md', 'values-competency.md' }) do
      if not vim.tbl_contains(labels, want) then error(want .. ' not offered; got ' .. vim.inspect(labels), 0) end
    end
    return { labels = labels }
  end)

  -- (d) The quick fix on the diagnostic, requested and applied as :lua vim.lsp.buf.code_action()
  -- does in 0.7 (cursor on the diagnostic, line diagnostics as context); then the error goes away.
  check('codeAction', function()
    if not diag_ok then error('skipped: no diagnostic to fix', 0) end
    vim.api.nvim_set_current_buf(seed)
    vim.api.nvim_win_set_cursor(0, { 8, select(2, char_of(vim.api.nvim_buf_get_lines(seed, 7, 8, false)[1], MISSING)) })
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(seed, 7) }
    local actions = request(seed, 'textDocument/codeAction', params) or {}
    local titles, fix = {}, nil
    for _, a in ipairs(actions) do
      titles[#titles + 1] = a.title
      if a.title == FIX_TITLE then fix = a end
    end
    if not fix then error(FIX_TITLE .. ' not offered; got ' .. vim.inspect(titles), 0) end
    if not fix.edit then error('the fix carries no edit: ' .. vim.inspect(fix), 0) end
    local before = #(pushes[seed_file] or {})
    vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(seed, 7, 8, false)[1]
    if line ~= '{{% include "includes/engineering-careers/career-matrix-nav.md" %}}' then
      error('line 8 after the fix: ' .. line, 0)
    end
    -- The new push: for this buffer's current version, after the edit was sent.
    wait_for('diagnostics after the fix', function()
      if server_exit then error('the server exited: ' .. vim.inspect(server_exit), 0) end
      local list = pushes[seed_file] or {}
      local last = list[#list]
      return #list > before and last.version == vim.lsp.util.buf_versions[seed]
    end, function()
      return ('buffer version %s, pushes seen: %s'):format(vim.lsp.util.buf_versions[seed], vim.inspect(pushes[seed_file]))
    end)
    local left = sorted_codes(vim.diagnostic.get(seed))
    if left ~= '12:anchor-not-found 13:anchor-not-found 14:anchor-not-found' then error('diagnostics left after the fix: ' .. left, 0) end
    return { titles = titles, line = line }
  end)
end

local function finish()
  local failed = 0
  for _, r in ipairs(results) do
    if not r.ok then failed = failed + 1 end
  end
  if #results == 0 then failed = 1 end
  local c = client_id and vim.lsp.get_client_by_id(client_id)
  if c then
    c.stop()
    vim.wait(math.min(remaining(), 2000), function() return server_exit ~= nil end, 20)
  end
  report({ check = 'summary', ok = failed == 0, failed = failed, ms = math.floor(now_ms() - started) })
  guard:stop()
  if failed == 0 then vim.cmd('qall!') else vim.cmd('cquit 1') end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  results[#results + 1] = { check = 'setup', ok = false, error = tostring(err) }
  report(results[#results])
end
finish()
