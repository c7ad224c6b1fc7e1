// Test settings, read before the app's configuration: import this first.
process.env.NODE_ENV ??= 'test';
process.env.PASSWORD_HASH_COST ??= '10'; // cheap hashes keep the suite fast
process.env.LOG_LEVEL ??= 'silent';
