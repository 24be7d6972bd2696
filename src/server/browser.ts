// What a browser bundle gets for `basiq-react/server` (the `browser` export condition).
throw new Error(
  'basiq-react/server holds your Basiq API key and runs on your server only: import it in server code (an API route), never in code sent to the browser.',
);
