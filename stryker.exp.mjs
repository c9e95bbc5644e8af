import base from './stryker.config.mjs';
export default { ...base, incremental: false, reporters: ['clear-text', 'json'], mutate: [process.env.MUT ?? 'src/network/message.ts'] };
