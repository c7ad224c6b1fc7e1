// The server's entry point (package.json: meteor.mainModule.server). Meteor
// loads nothing eagerly: everything the server runs is imported from here.
import '../imports/startup/server/index.js';
