export * from './blob-storage.js';
export * from './disk.storage.js';
export * from './s3.storage.js';
export * from './storage.config.js';
export * from './upload.js';
