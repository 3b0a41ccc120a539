import { webFirstLoad } from './first-load.js';

// `npx tsx bench/web/run-web.ts`: only the slow-link page loads (also part of `npm run bench`).
await webFirstLoad({ log: console.log });
