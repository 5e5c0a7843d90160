import { Initial1795427236022 } from './1795427236022-Initial.js';
import { BundlePublic1795432925535 } from './1795432925535-BundlePublic.js';
import { BundleArchiveOptions1795600000000 } from './1795600000000-BundleArchiveOptions.js';
import { BundleLayout1795700000000 } from './1795700000000-BundleLayout.js';
import { StoredBlockLayouts1795800000000 } from './1795800000000-StoredBlockLayouts.js';
import { LayoutJob1795900000000 } from './1795900000000-LayoutJob.js';
import { Store1796000000000 } from './1796000000000-Store.js';
import { StoreEncryption1796100000000 } from './1796100000000-StoreEncryption.js';
import { ManifestImport1796200000000 } from './1796200000000-ManifestImport.js';
import { ImportStale1796300000000 } from './1796300000000-ImportStale.js';
import { ImportRetention1796400000000 } from './1796400000000-ImportRetention.js';
import { ImportRowsUnchecked1796500000000 } from './1796500000000-ImportRowsUnchecked.js';

/** Every migration, in order; the app and the CLI both read this list. */
export const MIGRATIONS = [Initial1795427236022, BundlePublic1795432925535, BundleArchiveOptions1795600000000, BundleLayout1795700000000, StoredBlockLayouts1795800000000, LayoutJob1795900000000, Store1796000000000, StoreEncryption1796100000000, ManifestImport1796200000000, ImportStale1796300000000, ImportRetention1796400000000, ImportRowsUnchecked1796500000000];
