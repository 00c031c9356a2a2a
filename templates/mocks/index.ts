/** msw glue: handlers that verify each intercepted request, then answer. */
export { createMockHandlersFor, type MockResponse, type MockResponses, urlPattern } from "./mock-handlers.js";
