export { consumeEvent, createInbox, parseCloudEvent } from './inbox.js';
