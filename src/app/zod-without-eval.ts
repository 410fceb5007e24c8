// Imported first by main.tsx, before any schema parses: the Content-Security-Policy forbids
// eval, so zod must neither probe for it nor compile parsers with it (each probe would be
// reported as a policy violation).
import { z } from 'zod';

z.config({ jitless: true });
