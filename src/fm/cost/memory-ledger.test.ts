import { defineBudgetLedgerContract } from './ledger-contract.ts';
import { MemoryBudgetLedger } from './memory-ledger.ts';

defineBudgetLedgerContract('memory', () => new MemoryBudgetLedger());
