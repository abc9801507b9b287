// Integration tests talk to a real broker and database; `testTimeout` is a global option that Jest
// ignores inside `projects`, so the integration project sets its default here.
jest.setTimeout(120_000);
