#include "ui/key_pacer.h"

namespace ui {

bool KeyPacer::Admit(int key) {
  if (held_.count(key) != 0 || !changed_.insert(key).second) {
    held_.insert(key);
    return false;
  }
  return true;
}

void KeyPacer::NextFrame() {
  changed_.clear();
  held_.clear();
}

}  // namespace ui
