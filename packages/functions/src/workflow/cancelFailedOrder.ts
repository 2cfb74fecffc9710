import { cancelFailedOrder, type WorkflowState } from "@pizza-orders/core/workflow/orderTasks";
import { notifyingDependencies } from "./taskDependencies";

const deps = notifyingDependencies();

export const handler = async (state: WorkflowState) => cancelFailedOrder(deps, state);
