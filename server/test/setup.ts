import { afterEach } from 'vitest'
import { cleanUpAfterTest } from './harness.ts'

// Run before each of the server's test files (their modules are kept from file to file, this file
// is not): every file gets its own hook, so every test's servers and sockets are stopped.
afterEach(cleanUpAfterTest)
