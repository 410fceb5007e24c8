// IndexedDB does not exist in Node: fake-indexeddb provides it before Dexie is imported.
import 'fake-indexeddb/auto';
