// Globals the Node bundle reads without requiring them (see build.js).
import * as shims from './shims.js';
import { Buffer } from 'buffer/';
export const process = shims;
export { Buffer };
export const setImmediate = (fn, ...args) => setTimeout(fn, 0, ...args);
export const clearImmediate = (handle) => clearTimeout(handle);
