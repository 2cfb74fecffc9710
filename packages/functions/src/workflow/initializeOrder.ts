import { initializeOrder, type WorkflowState } from "@pizza-orders/core/workflow/orderTasks";
import { orders } from "./taskDependencies";

export const handler = async (state: WorkflowState) => initializeOrder({ orders }, state);
