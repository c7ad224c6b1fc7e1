// WebApp's HTTP side: handlers is an Express app, as in Meteor 3.
import express from 'express';

const handlers = express();
handlers.set('x-powered-by', false);
handlers.set('etag', false);

export const WebApp = { express, handlers };
