/** msw glue: handlers that verify each intercepted request, then answer (DESIGN §2, templates/mocks). */
export { createMockHandlersFor, type MockResponse, type MockResponses, urlPattern } from "./mock-handlers.js";
