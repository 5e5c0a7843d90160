export default async function globalTeardown() {
  await globalThis.embeddedTestDb?.close();
}
